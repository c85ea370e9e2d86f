// Create Image from Instance… over the fake account: the instance picker, the suggested name, tags, and the new image
// followed from CREATING to AVAILABLE or FAILED; and the same from Show Instances Using This Image.
import * as assert from 'assert';
import { ineligibleReason, parseTags, suggestImageName } from '../../../src/images/model/newImage';
import type { UsingInstance } from '../../../src/images/model/usage';
import { ZenlayerApiError } from '../../../src/zenlayer';
import { FakeAccount } from '../../support/fakeAccount';
import { image } from '../../support/fixtures';
import { imagesFeature } from '../../support/imagesFeature';

type Feature = ReturnType<typeof imagesFeature>;

/** Instances as DescribeInstances lists them (the fake account keeps them as the view's UsingInstance plus these). */
const instance = (name: string, status: string, more: Record<string, unknown> = {}): UsingInstance =>
    ({
        id: `ins-${name}`,
        name,
        status,
        zoneId: 'asia-east-1a',
        imageId: 'img-web-frontend-2026-10',
        imageName: 'web-frontend-2026-10',
        ...more,
    }) as UsingInstance;

async function loaded(): Promise<Feature> {
    const account = new FakeAccount();
    account.images = [image('web-frontend-2026-10')];
    account.instances = [
        instance('web-1', 'RUNNING'),
        instance('web-2', 'STOPPED'),
        instance('gpu-1', 'STOPPED', { instanceType: 'z3a.g.C49.c8m32.1' }),
        instance('builder', 'STOPPED', { imageName: undefined }),
    ];
    const feature = imagesFeature({ account });
    await feature.model.refresh();
    return feature;
}

const today = new Date(2026, 11, 5);

describe('images view: Create Image from Instance…', () => {
    it('suggests the family of the instance’s image and today’s date, valid and not taken', () => {
        assert.strictEqual(suggestImageName({ name: 'web-2', imageName: 'web-frontend-2026-10' }, today, new Set()), 'web-frontend-2026-12-05');
        assert.strictEqual(
            suggestImageName({ name: 'web-2', imageName: 'web-frontend-2026-10' }, today, new Set(['web-frontend-2026-12-05'])),
            'web-frontend-2026-12-05-2',
        );
        assert.strictEqual(suggestImageName({ name: 'builder', imageName: undefined }, today, new Set()), 'builder-2026-12-05');
        assert.strictEqual(suggestImageName({ name: '测试-01', imageName: '测试镜像' }, today, new Set()), '01-2026-12-05');
        assert.strictEqual(suggestImageName({ name: '测试', imageName: '测试镜像' }, today, new Set()), 'image-2026-12-05');
    });

    it('reads tags as key=value pairs and says what is wrong with them', () => {
        assert.deepStrictEqual(parseTags(''), { tags: [] });
        assert.deepStrictEqual(parseTags(' env=prod , team = web '), {
            tags: [
                { key: 'env', value: 'prod' },
                { key: 'team', value: 'web' },
            ],
        });
        assert.deepStrictEqual(parseTags('env'), { problem: { kind: 'noEquals', entry: 'env' } });
        assert.deepStrictEqual(parseTags('env=, a=b'), { problem: { kind: 'empty', entry: 'env=' } });
        assert.deepStrictEqual(parseTags('a=1,a=2'), { problem: { kind: 'duplicateKey', key: 'a' } });
    });

    it('only a STOPPED, non-GPU instance is eligible', () => {
        assert.strictEqual(ineligibleReason({ status: 'STOPPED', instanceType: 'z2a.cpu.1' }), undefined);
        assert.strictEqual(ineligibleReason({ status: 'RUNNING', instanceType: 'z2a.cpu.1' }), 'notStopped');
        assert.strictEqual(ineligibleReason({ status: 'STOPPED', instanceType: 'z3a.g.C49.c8m32.1' }), 'gpu');
    });

    it('lists STOPPED instances first, the others as not eligible with their status; the image shows CREATING until AVAILABLE', async () => {
        const feature = await loaded();
        feature.ui
            .pickNext(() => ['web-2'])
            .typeNext('web-frontend-2026-12-05')
            .typeNext('env=prod');
        await feature.commands.createImage();
        const [pick] = feature.ui.of('pick');
        assert.deepStrictEqual(pick.labels, [
            'web-2',
            'builder',
            'Not eligible: only STOPPED, non-GPU instances',
            '$(circle-slash) web-1',
            '$(circle-slash) gpu-1',
        ]);
        const [name] = feature.ui.inputs();
        assert.strictEqual(name.options.value, `web-frontend-${dateOfToday()}`, 'suggested from the family of web-frontend-2026-10');
        assert.deepStrictEqual(feature.account.lifecycleCalls, [
            { action: 'CreateImage', instanceId: 'ins-web-2', imageName: 'web-frontend-2026-12-05', tags: [{ key: 'env', value: 'prod' }] },
        ]);
        const created = feature.model.imageRows().find((row) => row.image.name === 'web-frontend-2026-12-05');
        assert.strictEqual(created?.image.status, 'CREATING');
        assert.strictEqual(
            feature.ui.messages('info')[0].message,
            'Creating web-frontend-2026-12-05 from web-2: it reads CREATING until Zenlayer is done. (requestId req-create-1)',
        );
        feature.account.setStatus(created.image.id, 'AVAILABLE');
        await feature.clock.advance(5000);
        assert.strictEqual(feature.model.imageRows().find((row) => row.image.id === created.image.id)?.image.status, 'AVAILABLE');
        assert.deepStrictEqual(
            feature.ui.of('status').map((status) => status.text),
            ['web-frontend-2026-12-05 is AVAILABLE'],
        );
        assert.deepStrictEqual(feature.lifecycle.followedIds, []);
    });

    it('picking an instance that is not eligible says why and sends nothing; a creation that ends FAILED is one error', async () => {
        const feature = await loaded();
        feature.ui.pickNext(() => ['$(circle-slash) web-1']);
        await feature.commands.createImage();
        assert.strictEqual(feature.ui.messages('warning')[0].message, 'web-1 is RUNNING: Zenlayer makes images only of STOPPED instances. Stop it first.');
        assert.deepStrictEqual(feature.account.lifecycleCalls, []);

        feature.ui
            .pickNext(() => ['builder'])
            .typeNext('builder-image')
            .typeNext('');
        await feature.commands.createImage();
        feature.account.setStatus('img-new-1', 'FAILED');
        await feature.clock.advance(5000);
        assert.deepStrictEqual(
            feature.ui.messages('error').map((message) => message.message),
            ['Creating builder-image ended FAILED. (requestId req-create-1)'],
        );
    });

    it('a refusal (quota) says what Zenlayer said; from Show Instances the camera button of a STOPPED instance starts the same flow', async () => {
        const feature = await loaded();
        feature.account.failNextAction.set(
            'CreateImage',
            new ZenlayerApiError('CreateImage', 400, 'INVALID_IMAGE_QUOTA_EXCEED', 'Image quota exceeded.', 'req-q'),
        );
        feature.ui.clickItemButtonNext('web-2').typeNext('web-new').typeNext('');
        await feature.commands.showInstances(feature.model.imageRows()[0]);
        const [pick] = feature.ui.of('pick');
        assert.deepStrictEqual(pick.labels, ['builder', 'gpu-1', 'web-1', 'web-2'], 'Show Instances lists the image’s instances');
        assert.strictEqual(feature.ui.of('pick').length, 1, 'the instance was given: no second picker');
        assert.deepStrictEqual(
            feature.ui.messages('error').map((message) => message.message),
            ['Could not create web-new from web-2: INVALID_IMAGE_QUOTA_EXCEED: Image quota exceeded. (requestId req-q)'],
        );
    });
});

function dateOfToday(): string {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
