import * as assert from 'assert';
import { imageFamily, newestAvailableInFamily } from '../../../src/references/model/family';
import { image } from '../../support/fixtures';

describe('references: image families for the quick fix', () => {
    it('is the name without its trailing version or date', () => {
        const families = [
            'web-frontend-2026-11',
            'k8s-node-1.31',
            'k8s-node-1.32-rc',
            'backup-agent-v3',
            'old-build-2025-01',
            'ml-training-cuda12',
            'db_golden_v2',
            '测试镜像-web',
            '2024-01',
        ];
        assert.deepStrictEqual(families.map(imageFamily), [
            'web-frontend',
            'k8s-node',
            'k8s-node',
            'backup-agent',
            'old-build',
            'ml-training-cuda12',
            'db_golden',
            '测试镜像-web',
            '2024',
        ]);
    });

    it('picks the AVAILABLE image of the family with the highest version in its name, never the image itself', () => {
        const images = [
            image('web-frontend-2026-9'),
            image('web-frontend-2026-11'),
            image('web-frontend-2026-12', { status: 'CREATING' }),
            image('web-frontend-2026-10'),
            image('web-frontend-blue-2027-01'),
        ];
        assert.strictEqual(newestAvailableInFamily(images, 'web-frontend')?.name, 'web-frontend-2026-11', 'numeric order: 11 after 9; CREATING is not usable');
        assert.strictEqual(newestAvailableInFamily(images, 'web-frontend', 'img-web-frontend-2026-11')?.name, 'web-frontend-2026-10');
        assert.strictEqual(newestAvailableInFamily(images, 'k8s-node'), undefined);
    });
});
