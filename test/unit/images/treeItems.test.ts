import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DeleteMark } from '../../../src/images/model/images';
import { buildImageTree, type ImageNode, type MessageNode, type TreeNode } from '../../../src/images/model/tree';
import { imageTooltip, toTreeItem } from '../../../src/images/view/treeItems';
import { ZenlayerApiError } from '../../../src/zenlayer';
import { image } from '../../support/fixtures';
import { MarkdownString, ThemeIcon } from '../../support/fakeVscode';

const imageNode = (name: string, overrides = {}): ImageNode => ({ kind: 'image', id: `img-${name}`, image: image(name, overrides) });
const marks = (id: string, mark: DeleteMark) => new Map([[id, mark]]);
const icon = (item: { iconPath?: unknown }) => item.iconPath as ThemeIcon;
/** The regex of the tree's Delete menu entry (package.json, view/item/context), as VS Code matches context values. */
const deleteMenuPattern = (() => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const entry = manifest.contributes.menus['view/item/context'].find((candidate) => candidate.command === 'zenlayer.deleteImage');
    const match = /viewItem =~ \/(.+?)\/(\s|$)/.exec(entry?.when ?? '');
    assert.ok(match, 'the Delete menu entry matches on viewItem');
    return new RegExp(match[1]);
})();
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
        const refused = marks('img-db', {
            phase: 'failed',
            failure: {
                kind: 'refused',
                reason: { kind: 'inUse', instances: [{ id: 'i-1', name: 'web-1', status: 'RUNNING', zoneId: 'z', imageId: 'img-db' }] },
            },
        });
        const item = toTreeItem(imageNode('db'), refused);
        assert.strictEqual(item.description, 'AVAILABLE · delete failed');
        assert.strictEqual(icon(item).id, 'error');
        assert.match(read(imageTooltip(imageNode('db'), refused)), /Not deleted: used by 1 instance \(web-1\)\./);
        const reverted = marks('img-db', { phase: 'failed', failure: { kind: 'reverted', status: 'AVAILABLE' } });
        assert.match(read(imageTooltip(imageNode('db'), reverted)), /Zenlayer accepted the delete, but the image is AVAILABLE again\./);
        const requestFailed = marks('img-db', {
            phase: 'failed',
            failure: { kind: 'requestFailed', error: new ZenlayerApiError('DeleteImages', 500, 'INTERNAL_ERROR', 'oops', 'req-9') },
        });
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

    it('a group row names its key and count, and offers Delete only when it holds deletable images', () => {
        const [transitionalOnly, withDeletable] = buildImageTree(
            [image('a', { regionIds: [] }), image('b', { regionIds: [] }), image('c', { regionIds: ['sg'], status: 'CREATING' })],
            'region',
        );
        const offersDelete = (node: TreeNode) => deleteMenuPattern.test(String(toTreeItem(node, new Map()).contextValue));
        const item = toTreeItem(withDeletable, new Map());
        assert.strictEqual(item.label, 'No region');
        assert.strictEqual(item.description, '2 images');
        assert.strictEqual(offersDelete(withDeletable), true, 'two deletable images: Delete in its menu');
        assert.strictEqual(toTreeItem(transitionalOnly, new Map()).label, 'sg');
        assert.strictEqual(offersDelete(transitionalOnly), false, 'only an image being created: no Delete');
    });

    it('the tooltip names the first ten instances using the image and counts the rest', () => {
        const instances = Array.from({ length: 12 }, (_, index) => ({
            id: `ins-${index + 1}`,
            name: `node-${index + 1}`,
            status: 'RUNNING',
            zoneId: 'asia-east-1a',
            imageId: 'img-base',
        }));
        const named = (count: number) => read(imageTooltip({ ...imageNode('base'), instances: instances.slice(0, count) }, new Map()));
        const twelve = named(12);
        assert.match(twelve, /Used by 12 instances:/);
        for (let index = 1; index <= 10; index++) {
            assert.ok(twelve.includes(`- node-${index} (ins-${index}) · RUNNING · asia-east-1a`), `node-${index} is named`);
        }
        assert.ok(!twelve.includes('node-11') && !twelve.includes('node-12'), 'the eleventh and twelfth are not named');
        assert.match(twelve, /and 2 more$/);
        const ten = named(10);
        assert.ok(ten.includes('node-10 (ins-10)'));
        assert.doesNotMatch(ten, /more/, 'ten fit without "and N more"');
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
