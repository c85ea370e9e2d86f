import * as assert from 'assert';
import type { DeleteMark } from '../../../src/images/model/images';
import type { GroupNode, ImageNode, MessageNode } from '../../../src/images/model/tree';
import { imageTooltip, toTreeItem } from '../../../src/images/view/treeItems';
import { ZenlayerApiError } from '../../../src/zenlayer';
import { image } from '../../support/fixtures';
import { MarkdownString, ThemeIcon } from '../../support/fakeVscode';

const imageNode = (name: string, overrides = {}): ImageNode => ({ kind: 'image', id: `img-${name}`, image: image(name, overrides) });
const marks = (id: string, mark: DeleteMark) => new Map([[id, mark]]);
const icon = (item: { iconPath?: unknown }) => item.iconPath as ThemeIcon;
/** The tooltip as a person reads it: markdown escapes removed. */
const read = (markdown: { value: string }) => markdown.value.replace(/\\(.)/g, '$1');

describe('tree items', () => {
    it('an image row: name and size (AVAILABLE is the green icon, so the size fits at 300 px), a context value that offers Delete', () => {
        const item = toTreeItem(imageNode('web'), new Map());
        assert.strictEqual(item.label, 'web');
        assert.strictEqual(item.description, '20 GiB');
        assert.strictEqual(icon(item).id, 'pass');
        assert.strictEqual(item.contextValue, 'zenlayer.image.custom.available.deletable');
        assert.deepStrictEqual(item.accessibilityInformation, { label: 'web, AVAILABLE, 20 GiB' }, 'a screen reader still hears the status');
    });

    it('without a size shows the OS type; a transitional image spins and is not deletable', () => {
        const item = toTreeItem(imageNode('new', { status: 'CREATING', sizeGiB: undefined }), new Map());
        assert.strictEqual(item.description, 'CREATING · linux');
        assert.strictEqual(icon(item).id, 'loading~spin');
        assert.strictEqual(item.contextValue, 'zenlayer.image.custom.creating');
    });

    it('while its delete request runs the row says "Deleting…" and offers no Delete', () => {
        const item = toTreeItem(imageNode('web'), marks('img-web', { phase: 'sending' }));
        assert.strictEqual(item.description, 'Deleting…');
        assert.strictEqual(icon(item).id, 'loading~spin');
        assert.ok(!String(item.contextValue).endsWith('.deletable'));
    });

    it('a failed delete is red in the row and explained in the tooltip', () => {
        const refused = marks('img-db', { phase: 'failed', failure: { kind: 'refused', reason: { kind: 'inUse', instances: [{ id: 'i-1', name: 'web-1', status: 'RUNNING', zoneId: 'z', imageId: 'img-db' }] } } });
        const item = toTreeItem(imageNode('db'), refused);
        assert.strictEqual(item.description, 'AVAILABLE · delete failed');
        assert.strictEqual(icon(item).id, 'error');
        assert.match(read(imageTooltip(imageNode('db'), refused)), /Not deleted: used by 1 instance \(web-1\)\./);
        const reverted = marks('img-db', { phase: 'failed', failure: { kind: 'reverted', status: 'AVAILABLE' } });
        assert.match(read(imageTooltip(imageNode('db'), reverted)), /Zenlayer accepted the delete, but the image is AVAILABLE again\./);
        const requestFailed = marks('img-db', { phase: 'failed', failure: { kind: 'requestFailed', error: new ZenlayerApiError('DeleteImages', 500, 'INTERNAL_ERROR', 'oops', 'req-9') } });
        assert.ok(read(imageTooltip(imageNode('db'), requestFailed)).includes('The last delete failed: INTERNAL_ERROR: oops (requestId req-9)'));
    });

    it('the tooltip lists every field, with markdown in names escaped so a name cannot inject links', () => {
        const tooltip = imageTooltip(imageNode('evil [click](https://x.invalid) *bold*', { tags: [{ key: 'env', value: 'prod' }] }), new Map());
        assert.ok(tooltip instanceof MarkdownString);
        assert.ok(tooltip.value.includes('evil \\[click\\]\\(https://x\\.invalid\\) \\*bold\\*'), tooltip.value);
        for (const label of ['ID', 'Status', 'Size', 'Regions', 'Tags']) {
            assert.match(tooltip.value, new RegExp(`\\| ${label} \\|`));
        }
        assert.match(tooltip.value, /env=prod/);
    });

    it('a group row names its key and count, and is deletable only when it holds deletable images', () => {
        const group: GroupNode = { kind: 'group', id: 'region:', groupBy: 'region', key: '', children: [imageNode('a')], deletableCount: 0 };
        const item = toTreeItem(group, new Map());
        assert.strictEqual(item.label, 'No region');
        assert.strictEqual(item.description, '1 image');
        assert.strictEqual(item.contextValue, 'zenlayer.group');
    });

    it('a failure row says what to do, shows the error, and clicking it runs the way out', () => {
        const row: MessageNode = { kind: 'message', id: 'message:credentialsRejected', message: 'credentialsRejected', detail: 'AUTHFAILURE: nope' };
        const item = toTreeItem(row, new Map());
        assert.strictEqual(item.label, 'Credentials rejected — configure');
        assert.strictEqual(item.description, 'AUTHFAILURE: nope');
        assert.strictEqual(item.command?.command, 'zenlayer.configureCredentials');
        const clock = toTreeItem({ kind: 'message', id: 'message:clockSkew', message: 'clockSkew' }, new Map());
        assert.strictEqual(clock.command?.command, 'zenlayer.refresh', 'a skewed clock is retried, not re-entered');
    });
});
