import * as assert from 'assert';
import { compareBySuffix, compareVersions, imageFamily, parseFamilyOverrides } from '../../../../src/shared/images/family';

const family = (name: string) => imageFamily(name);
const newestFirst = (names: string[]) => [...names].sort((a, b) => compareBySuffix(family(b), family(a)));

describe('image families', () => {
    it('drops a trailing date, version or v-number, and keeps a pre-release marker apart', () => {
        assert.deepStrictEqual(
            ['web-frontend-2026-11', 'k8s-node-1.31', 'backup-agent-v3', 'k8s-node-1.32-rc', 'ci-runner-ubuntu-20261105', 'app_2', 'api.gateway.2026.10'].map(
                (name) => {
                    const { name: familyName, suffix, preRelease } = family(name);
                    return [familyName, suffix, preRelease];
                },
            ),
            [
                ['web-frontend', '2026-11', undefined],
                ['k8s-node', '1.31', undefined],
                ['backup-agent', '3', undefined],
                ['k8s-node', '1.32-rc', 'rc'],
                ['ci-runner-ubuntu', '20261105', undefined],
                ['app', '2', undefined],
                ['api.gateway', '2026.10', undefined],
            ],
        );
    });

    it('leaves names without a trailing version whole, digits inside words included', () => {
        for (const name of [
            'db-primary-golden',
            'freebsd-14-router',
            'ml-training-cuda12',
            'alma9-hardened-test',
            '测试镜像-web',
            'web-preview',
            '2026-11',
            'k8s-node-rc',
        ]) {
            assert.deepStrictEqual([family(name).name, family(name).suffix], [name, undefined], name);
        }
    });

    it('groups case-insensitively and keeps the name as written', () => {
        assert.strictEqual(family('Web-Frontend-2026-11').key, family('web-frontend-2026-10').key);
        assert.strictEqual(family('Web-Frontend-2026-11').name, 'Web-Frontend');
    });

    it('orders dates and versions naturally, newest first', () => {
        assert.deepStrictEqual(newestFirst(['web-2026-09', 'web-2026-11', 'web-2026-10']), ['web-2026-11', 'web-2026-10', 'web-2026-09']);
        assert.deepStrictEqual(newestFirst(['node-1.9', 'node-1.31', 'node-1.10', 'node-1.30']), ['node-1.31', 'node-1.30', 'node-1.10', 'node-1.9']);
        assert.deepStrictEqual(newestFirst(['agent-v2', 'agent-v10', 'agent-v3']), ['agent-v10', 'agent-v3', 'agent-v2']);
        assert.deepStrictEqual(newestFirst(['web-20261105', 'web-20261101', 'web-20251231']), ['web-20261105', 'web-20261101', 'web-20251231']);
    });

    it('sorts a pre-release before its release and after the previous one', () => {
        assert.deepStrictEqual(newestFirst(['k8s-node-1.31', 'k8s-node-1.32-rc', 'k8s-node-1.32', 'k8s-node-1.32.1']), [
            'k8s-node-1.32.1',
            'k8s-node-1.32',
            'k8s-node-1.32-rc',
            'k8s-node-1.31',
        ]);
        assert.deepStrictEqual(newestFirst(['x-2-rc2', 'x-2-beta', 'x-2-rc1', 'x-2-alpha', 'x-2']), ['x-2', 'x-2-rc2', 'x-2-rc1', 'x-2-beta', 'x-2-alpha']);
    });

    it('puts a name without a suffix first in its family (the first build), and cannot tell equal suffixes apart', () => {
        const overrides = parseFamilyOverrides([{ pattern: 'app*', family: 'app' }]).overrides;
        const app = imageFamily('app', overrides);
        const app2 = imageFamily('app-2', overrides);
        assert.strictEqual(app.key, app2.key);
        assert.ok(compareBySuffix(app, app2) < 0);
        assert.strictEqual(compareBySuffix(imageFamily('a-1.0'), imageFamily('b-1.00')), 0);
    });

    it('compares version texts as imageVersion holds them', () => {
        assert.ok(compareVersions('2026.11', '2026.09') > 0);
        assert.ok(compareVersions('1.10.0', '1.9.9') > 0);
        assert.ok(compareVersions('v2', '1') > 0);
        assert.ok(compareVersions('1.2.0-rc1', '1.2.0') < 0);
        assert.ok(compareVersions('1.2.0-hotfix', '1.2.0.1') < 0, 'a number after the common part is newer than a word');
        assert.ok(compareVersions('123456789012345678901', '123456789012345678900') > 0, 'long numbers compare exactly');
        assert.strictEqual(compareVersions('1.02', '1.2'), 0);
    });

    it('lets a setting name families by pattern; the first matching entry wins', () => {
        const { overrides, invalid } = parseFamilyOverrides([
            { pattern: 'db-*-golden', family: 'db-golden' },
            { pattern: 'db-primary-*', family: 'never' },
            'db-*',
            { pattern: ' ', family: 'x' },
            { pattern: 'x' },
            null,
        ]);
        assert.strictEqual(imageFamily('db-primary-golden', overrides).name, 'db-golden');
        assert.strictEqual(imageFamily('DB-replica-golden', overrides).name, 'db-golden', 'patterns ignore case');
        assert.strictEqual(imageFamily('db-primary-golden', overrides).override?.pattern, 'db-*-golden');
        assert.strictEqual(imageFamily('web-2026-11', overrides).name, 'web');
        assert.deepStrictEqual(
            invalid.map((entry) => entry.problem),
            ['notAnObject', 'patternMissing', 'familyMissing', 'notAnObject'],
        );
    });

    it('keeps the suffix of an overridden name, so builds still order within the named family', () => {
        const { overrides } = parseFamilyOverrides([{ pattern: 'edge-*', family: 'edge' }]);
        const newest = ['edge-cache-2026-09', 'edge-proxy-2026-11'].sort((a, b) => compareBySuffix(imageFamily(b, overrides), imageFamily(a, overrides)));
        assert.deepStrictEqual(newest, ['edge-proxy-2026-11', 'edge-cache-2026-09']);
    });
});
