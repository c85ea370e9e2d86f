// Issue 18: no request to Zenlayer from a window whose images view is hidden; showing it, or a command that needs the
// images, lists them. Signed-out costs no request, so the welcome view still appears at once.
import * as assert from 'node:assert/strict';
import { imagesFeature } from '../../support/imagesFeature';

describe('images model: quiet at rest', function () {
    it('lists nothing for a signed-in account while the view is hidden, and lists once when it is shown', async function () {
        const feature = imagesFeature({ visible: false });
        assert.equal(await feature.model.accountChanged('default'), 'deferred');
        assert.equal(feature.account.listCalls.length, 0);
        assert.equal(feature.model.signedIn && feature.model.knowsSignIn, true, 'the palette commands show without a listing');
        feature.model.setViewVisible(true);
        await feature.model.whenIdle();
        assert.equal(feature.account.listCalls.length, 1);
        assert.ok(feature.model.cachedImages.length > 0);
        feature.model.setViewVisible(false);
        feature.model.setViewVisible(true);
        await feature.model.whenIdle();
        assert.equal(feature.account.listCalls.length, 1, 'showing the view again does not list again');
    });

    it('a switch while the view is hidden lists nothing until the view is shown again', async function () {
        const feature = imagesFeature({ visible: true });
        await feature.model.accountChanged('default');
        assert.equal(feature.account.listCalls.length, 1);
        feature.model.setViewVisible(false);
        assert.equal(await feature.model.accountChanged('staging'), 'deferred');
        assert.equal(await feature.model.clientChanged(), 'deferred');
        assert.equal(feature.account.listCalls.length, 1);
        assert.equal(feature.model.cachedImages.length, 0, 'nothing of the previous account stays');
        feature.model.setViewVisible(true);
        await feature.model.whenIdle();
        assert.equal(feature.account.listCalls.length, 2);
    });

    it('a command that needs the images lists them while the view is hidden (the palette delete)', async function () {
        const feature = imagesFeature({ visible: false });
        await feature.model.accountChanged('default');
        await feature.deletes.pickAndRun(); // no scripted pick: dismissed, like Escape
        assert.equal(feature.account.listCalls.length, 1);
        assert.equal(feature.ui.of('pick')[0].labels.length, feature.model.cachedImages.length, 'the pick offered the listed images');
    });

    it('settles a sign-out at once, hidden or not (no request is needed to know it)', async function () {
        const feature = imagesFeature({ visible: false });
        feature.account.signedIn = false;
        assert.equal(await feature.model.accountChanged(undefined), 'signedOut');
        assert.equal(feature.model.knowsSignIn, true);
        assert.equal(feature.account.listCalls.length, 0);
    });
});
