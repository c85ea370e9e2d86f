import * as assert from 'assert';
import { NO_MARKS } from '../../../src/images/model/images';
import { normalizeSelection, partitionDeletable, rowAfterDelete } from '../../../src/images/model/selection';
import { firstNames } from '../../../src/platform/listText';
import { buildImageTree, type GroupNode, type ImageNode, type TreeNode } from '../../../src/images/model/tree';
import { image } from '../../support/fixtures';

const imageNode = (name: string, overrides = {}): TreeNode => {
    const img = image(name, overrides);
    return { kind: 'image', id: img.id, image: img };
};

describe('normalizeSelection (what a Delete in the tree acts on)', () => {
    it('uses the clicked node alone when there is no selection', () => {
        const targets = normalizeSelection(imageNode('alpha'), undefined);
        assert.deepStrictEqual(
            targets.images.map((i) => i.name),
            ['alpha'],
        );
        assert.deepStrictEqual(targets.skipped, []);
    });

    it('adds the clicked node to the selection and removes duplicates', () => {
        const alpha = imageNode('alpha');
        const targets = normalizeSelection(alpha, [imageNode('beta'), alpha, imageNode('beta')]);
        assert.deepStrictEqual(
            targets.images.map((i) => i.name),
            ['alpha', 'beta'],
        );
    });

    it('expands group nodes to their images, once even when an image sits in two region groups', () => {
        const shared = image('shared', { regionIds: ['hk', 'sg'] });
        const roots = buildImageTree([shared, image('hk-only', { regionIds: ['hk'] })], 'region');
        const targets = normalizeSelection(roots[0], roots);
        assert.deepStrictEqual(targets.images.map((i) => i.name).sort(), ['hk-only', 'shared']);
    });

    it('skips public, transitional and already-deleting images and says why', () => {
        const targets = normalizeSelection(undefined, [
            imageNode('ok'),
            imageNode('public', { type: 'PUBLIC_IMAGE', source: 'OFFICIAL' }),
            imageNode('creating', { status: 'CREATING' }),
            imageNode('syncing', { status: 'SYNCING' }),
            imageNode('deleting', { status: 'DELETING' }),
        ]);
        assert.deepStrictEqual(
            targets.images.map((i) => i.name),
            ['ok'],
        );
        assert.deepStrictEqual(targets.skipped.map((skipped) => skipped.reason).sort(), ['deleting', 'public', 'transitional', 'transitional']);
    });

    it('treats images whose delete request is still running as already deleting', () => {
        const node = imageNode('in-flight');
        const targets = normalizeSelection(node, [node], { marks: new Map([['img-in-flight', { phase: 'sending' }]]), protectedBy: () => undefined });
        assert.deepStrictEqual(targets.images, []);
        assert.strictEqual(targets.skipped[0].reason, 'deleting');
    });

    it('leaves nothing to delete when only undeletable or message nodes are selected', () => {
        const message: TreeNode = { kind: 'message', id: 'message:noImages', message: 'noImages' };
        const targets = normalizeSelection(message, [imageNode('c', { status: 'CREATING' })]);
        assert.strictEqual(targets.images.length, 0);
        assert.strictEqual(targets.skipped.length, 1);
    });

    it('keeps the order the images were selected in', () => {
        const group = buildImageTree([image('b'), image('a')], 'status')[0] as GroupNode;
        assert.deepStrictEqual(
            normalizeSelection(imageNode('z'), [group]).images.map((i) => i.name),
            ['z', 'a', 'b'],
        );
    });
});

describe('partitionDeletable (the palette path)', () => {
    it('drops duplicates picked twice', () => {
        const a = image('a');
        assert.strictEqual(partitionDeletable([a, a]).images.length, 1);
    });
});

describe('firstNames', () => {
    it('shows at most the given number and counts the rest', () => {
        assert.deepStrictEqual(firstNames(['a', 'b', 'c', 'd'], 2), { shown: ['a', 'b'], more: 2 });
        assert.deepStrictEqual(firstNames(['a'], 5), { shown: ['a'], more: 0 });
    });
});

describe('rowAfterDelete', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map(
        (name) => ({ kind: 'image', id: name, image: image(name, name === 'd' ? { status: 'DELETING' } : {}) }) as unknown as ImageNode,
    );
    it('selects the first row below the deleted ones that is not on its way out, else the nearest above, else none', () => {
        assert.strictEqual(rowAfterDelete(rows, new Set(['img-b']), NO_MARKS)?.image.name, 'c');
        assert.strictEqual(rowAfterDelete(rows, new Set(['img-c']), NO_MARKS)?.image.name, 'e', 'd is DELETING at Zenlayer');
        assert.strictEqual(rowAfterDelete(rows, new Set(['img-e']), NO_MARKS)?.image.name, 'c', 'nothing below: the nearest above');
        assert.strictEqual(rowAfterDelete(rows, new Set(['img-a', 'img-b', 'img-c', 'img-e']), NO_MARKS), undefined);
        assert.strictEqual(rowAfterDelete(rows, new Set(['img-x']), NO_MARKS), undefined, 'none of the rows was deleted');
    });
});
