import * as assert from 'assert';
import { imageContextValue, isDeletable, statusPresentation } from '../../../src/images/model/images';
import { buildDeleteQuickPickItems } from '../../../src/images/model/quickPick';
import { buildImageTree, type GroupNode, type RootNode } from '../../../src/images/model/tree';
import { image, manyImages } from '../../support/fixtures';

const labels = (nodes: readonly RootNode[]) =>
    nodes.map((node) => (node.kind === 'image' ? node.image.name : node.kind === 'group' ? `${node.key}(${node.children.length})` : node.message));

describe('buildImageTree', () => {
    it('lists images by name, case-insensitively and with numbers in numeric order', () => {
        const tree = buildImageTree([image('web-10'), image('Web-2'), image('api'), image('web-1')], 'none');
        assert.deepStrictEqual(labels(tree), ['api', 'web-1', 'Web-2', 'web-10']);
    });

    it('groups by status with a count per group, each group sorted by name', () => {
        const tree = buildImageTree([image('b'), image('c', { status: 'CREATING' }), image('a'), image('d', { status: 'FAILED' })], 'status');
        assert.deepStrictEqual(labels(tree), ['AVAILABLE(2)', 'CREATING(1)', 'FAILED(1)']);
        assert.deepStrictEqual(labels((tree[0] as GroupNode).children), ['a', 'b']);
    });

    it('counts the deletable images of each group (Delete is offered on a group only when it has some)', () => {
        const tree = buildImageTree([image('a', { osType: 'linux' }), image('b', { osType: 'linux', status: 'CREATING' })], 'osType');
        assert.strictEqual((tree[0] as GroupNode).deletableCount, 1);
    });

    it('puts an image in every region it is available in, with unique node IDs, and images without a region last', () => {
        const tree = buildImageTree([image('multi', { regionIds: ['sg', 'hk'] }), image('none', { regionIds: [] })], 'region');
        assert.deepStrictEqual(labels(tree), ['hk(1)', 'sg(1)', '(1)']);
        const ids = tree.flatMap((node) => (node.kind === 'group' ? node.children.map((child) => child.id) : []));
        assert.strictEqual(new Set(ids).size, ids.length);
    });

    it('puts images with an unknown OS in a trailing group', () => {
        const tree = buildImageTree([image('x', { osType: undefined }), image('y', { osType: 'windows' })], 'osType');
        assert.deepStrictEqual(labels(tree), ['windows(1)', '(1)']);
    });

    // How fast is for `npm run bench`; this only checks that 10,000 images build completely.
    it('builds a 10,000-image tree with every image and a quick pick with every deletable one, in name order', () => {
        // Handed over out of order (7919 is prime to 10,000, so every image once): name order must come from the builders.
        const named = manyImages(10_000);
        const images = named.map((_, index) => named[(index * 7919) % named.length]);
        const tree = buildImageTree(images, 'region');
        const items = buildDeleteQuickPickItems(images);
        const inTree = new Set(
            tree.flatMap((node) => (node.kind === 'group' ? node.children.map((child) => child.image.id) : node.kind === 'image' ? [node.image.id] : [])),
        );
        assert.strictEqual(inTree.size, images.length);
        // manyImages cycles AVAILABLE ×3, CREATING, DELETING, FAILED, SYNCING: the AVAILABLE and FAILED custom images can go.
        const deletable = images.filter((candidate) => candidate.status === 'AVAILABLE' || candidate.status === 'FAILED').map((candidate) => candidate.name);
        assert.strictEqual(deletable.length, 5715);
        // The fixture's names are zero-padded (image-00000), so plain string order is name order.
        assert.deepStrictEqual(
            items.map((item) => item.label),
            [...deletable].sort(),
        );
    });
});

describe('context values (what the menus key off)', () => {
    it('marks available and failed custom images deletable', () => {
        assert.strictEqual(imageContextValue(image('a')), 'zenlayer.image.custom.available.deletable');
        assert.strictEqual(imageContextValue(image('f', { status: 'FAILED' })), 'zenlayer.image.custom.failed.deletable');
    });

    it('never marks public or transitional images deletable', () => {
        assert.strictEqual(imageContextValue(image('p', { type: 'PUBLIC_IMAGE' })), 'zenlayer.image.public.available');
        for (const status of ['CREATING', 'SYNCING', 'PROCESSING', 'DELETING']) {
            assert.ok(!imageContextValue(image('t', { status })).endsWith('.deletable'), status);
            assert.strictEqual(isDeletable(image('t', { status })), false);
        }
    });

    it('drops deletable while the image is being deleted', () => {
        assert.strictEqual(imageContextValue(image('a'), new Map([['img-a', { phase: 'sending' }]])), 'zenlayer.image.custom.available');
    });
});

describe('status presentation', () => {
    it('spins for transitional states and has a fallback for unknown ones', () => {
        for (const status of ['CREATING', 'DELETING', 'SYNCING', 'PROCESSING']) {
            assert.ok(statusPresentation(status).icon.endsWith('~spin'), status);
        }
        assert.ok(!statusPresentation('AVAILABLE').icon.endsWith('~spin'));
        assert.strictEqual(statusPresentation('SOMETHING_NEW').icon, 'question');
    });
});

describe('buildDeleteQuickPickItems', () => {
    it('offers only deletable images, by name, with ID and status visible', () => {
        const items = buildDeleteQuickPickItems([
            image('zeta'),
            image('creating', { status: 'CREATING' }),
            image('alpha', { sizeGiB: 30 }),
            image('pub', { type: 'PUBLIC_IMAGE' }),
        ]);
        assert.deepStrictEqual(
            items.map((item) => [item.label, item.description]),
            [
                ['alpha', 'img-alpha'],
                ['zeta', 'img-zeta'],
            ],
        );
        assert.match(items[0].detail, /AVAILABLE · 30 GiB/);
    });
});
