import * as assert from 'assert';
import { newestAvailableOfFamily } from '../../../src/shared/images/family';
import { image } from '../../support/fixtures';

describe('references: the quick fix replaces an ID by the newest AVAILABLE image of its family', () => {
    const images = [
        image('web-frontend-2026-9'),
        image('web-frontend-2026-11'),
        image('web-frontend-2026-12', { status: 'CREATING' }),
        image('web-frontend-2026-10'),
        image('web-frontend-blue-2027-01'),
        image('k8s-node-1.30'),
        image('k8s-node-1.31'),
        image('k8s-node-1.32-rc'),
    ];

    it('orders by the version in the name (11 after 9), skips what cannot be launched and other families', () => {
        assert.strictEqual(newestAvailableOfFamily(images, 'web-frontend-2026-09', undefined)?.name, 'web-frontend-2026-11');
    });

    it('never offers the image itself', () => {
        assert.strictEqual(newestAvailableOfFamily(images, 'web-frontend-2026-11', 'img-web-frontend-2026-11')?.name, 'web-frontend-2026-10');
    });

    it('puts 1.32-rc after 1.31 and the 1.32 release after its release candidate', () => {
        assert.strictEqual(newestAvailableOfFamily(images, 'k8s-node-1.29', undefined)?.name, 'k8s-node-1.32-rc');
        assert.strictEqual(newestAvailableOfFamily([...images, image('k8s-node-1.32')], 'k8s-node-1.29', undefined)?.name, 'k8s-node-1.32');
    });

    it('finds nothing for a family with no AVAILABLE image', () => {
        assert.strictEqual(newestAvailableOfFamily(images, 'backup-agent-v3', undefined), undefined);
    });
});
