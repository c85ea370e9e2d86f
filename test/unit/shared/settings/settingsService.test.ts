import * as assert from 'assert';
import { SettingsService, type SettingsChange } from '../../../../src/shared/settings/settingsService';
import { CleanupRulesReader } from '../../../../src/images/cleanup/settingsRules';
import { DEFAULT_ENDPOINT } from '../../../../src/zenlayer';
import { fakeConfiguration } from '../../../support/fakeVscode';
import { memoryLogger } from '../../../support/imagesFeature';

function setup() {
    fakeConfiguration.reset();
    fakeConfiguration.set('defaults', 'zenlayer.endpoint', DEFAULT_ENDPOINT);
    const logger = memoryLogger();
    const service = new SettingsService(logger);
    const changes: SettingsChange[] = [];
    service.onDidChange((change) => changes.push(change));
    return { service, changes, logger };
}

describe('SettingsService', () => {
    afterEach(() => fakeConfiguration.reset());

    it('uses the endpoint of the user settings, and never one a workspace sets', () => {
        const { service } = setup();
        fakeConfiguration.set('workspace', 'zenlayer.endpoint', 'https://attacker.invalid');
        assert.strictEqual(service.current.endpoint, DEFAULT_ENDPOINT, 'a cloned repository cannot redirect signed requests');
        fakeConfiguration.set('user', 'zenlayer.endpoint', 'http://127.0.0.1:8787');
        assert.strictEqual(service.current.endpoint, 'http://127.0.0.1:8787');
    });

    it('reports a client change when the endpoint in effect changes, even if the event names another setting', () => {
        const { service, changes } = setup();
        fakeConfiguration.user.set('zenlayer.endpoint', 'http://127.0.0.1:9000'); // changed without its own event
        fakeConfiguration.set('user', 'zenlayer.images.groupBy', 'status');
        assert.deepStrictEqual(changes, [
            { clientChanged: true, endpointChanged: true, groupByChanged: true, protectionChanged: false, cleanupChanged: false },
        ]);
        assert.strictEqual(service.current.endpoint, 'http://127.0.0.1:9000');
    });

    it('reports a client change for the timeout and every http.* proxy setting, and nothing for unrelated settings', () => {
        const { changes } = setup();
        fakeConfiguration.set('user', 'editor.fontSize', 20);
        assert.deepStrictEqual(changes, []);
        for (const [key, value] of [
            ['zenlayer.requestTimeoutSeconds', 10],
            ['http.proxy', 'http://proxy:3128'],
            ['http.proxyStrictSSL', false],
            ['http.noProxy', ['internal']],
            ['http.proxySupport', 'off'],
            ['http.proxyAuthorization', 'Basic x'],
        ] as const) {
            fakeConfiguration.set('user', key, value);
            assert.deepStrictEqual(
                changes.pop(),
                { clientChanged: true, endpointChanged: false, groupByChanged: false, protectionChanged: false, cleanupChanged: false },
                key,
            );
        }
        fakeConfiguration.set('user', 'zenlayer.delete.confirmation', 'typeToConfirm');
        assert.deepStrictEqual(changes.pop(), {
            clientChanged: false,
            endpointChanged: false,
            groupByChanged: false,
            protectionChanged: false,
            cleanupChanged: false,
        });
    });

    it('logs an invalid value once, not at every later change, and uses the default', () => {
        const { service, logger } = setup();
        fakeConfiguration.set('user', 'zenlayer.requestTimeoutSeconds', -5);
        fakeConfiguration.set('user', 'editor.fontSize', 20);
        fakeConfiguration.set('user', 'editor.fontSize', 21);
        assert.strictEqual(service.current.requestTimeoutMs, 30_000);
        assert.deepStrictEqual(logger.lines, ['[warn] Ignoring invalid setting zenlayer.requestTimeoutSeconds = -5; using the default.']);
    });

    it("joins the protected images of every level: a workspace adds entries but cannot remove the user's; invalid ones are logged once", () => {
        const { service, changes, logger } = setup();
        fakeConfiguration.set('user', 'zenlayer.delete.protectedImages', ['prod-*', 'tag:keep']);
        fakeConfiguration.set('workspace', 'zenlayer.delete.protectedImages', ['db-?', '', 42]);
        assert.deepStrictEqual(
            service.protectionRules.map((rule) => rule.entry),
            ['prod-*', 'tag:keep', 'db-?'],
        );
        assert.strictEqual(changes.at(-1)?.protectionChanged, true);
        fakeConfiguration.set('workspace', 'zenlayer.delete.protectedImages', []);
        assert.deepStrictEqual(
            service.protectionRules.map((rule) => rule.entry),
            ['prod-*', 'tag:keep'],
            "an empty workspace list removes nothing of the user's",
        );
        assert.deepStrictEqual(
            logger.lines.filter((line) => line.includes('protectedImages')),
            [
                '[warn] Ignoring invalid entry "" of zenlayer.delete.protectedImages (expected a name pattern, tag:KEY or tag:KEY=VALUE).',
                '[warn] Ignoring invalid entry 42 of zenlayer.delete.protectedImages (expected a name pattern, tag:KEY or tag:KEY=VALUE).',
            ],
        );
    });

    it('writes Group By where the value in effect comes from', async () => {
        const { service } = setup();
        await service.updateGroupBy('region');
        assert.strictEqual(fakeConfiguration.user.get('zenlayer.images.groupBy'), 'region');
        fakeConfiguration.set('workspace', 'zenlayer.images.groupBy', 'status');
        await service.updateGroupBy('osType');
        assert.strictEqual(fakeConfiguration.workspace.get('zenlayer.images.groupBy'), 'osType', 'a user write would stay hidden behind the workspace value');
        assert.strictEqual(service.current.groupBy, 'osType');
    });

    it('reads the cleanup rules from every level: a workspace makes them stricter, never looser; a change is reported; a bad value is logged once', () => {
        const { service, changes, logger } = setup();
        fakeConfiguration.set('defaults', 'zenlayer.cleanup.keepNewest', 2);
        fakeConfiguration.set('defaults', 'zenlayer.cleanup.minAgeDays', 7);
        const reader = new CleanupRulesReader(service, logger);
        assert.deepStrictEqual([reader.rules.keepNewest, reader.rules.minAgeDays], [2, 7]);
        fakeConfiguration.set('user', 'zenlayer.cleanup.keepNewest', 1);
        fakeConfiguration.set('workspace', 'zenlayer.cleanup.minAgeDays', 0);
        assert.strictEqual(changes.at(-1)?.cleanupChanged, true);
        reader.reread();
        assert.deepStrictEqual([reader.rules.keepNewest, reader.rules.minAgeDays], [1, 7], "the user's 1 counts; the workspace's 0 would delete more");
        fakeConfiguration.set('workspace', 'zenlayer.cleanup.keepNewest', 5);
        fakeConfiguration.set('workspace', 'zenlayer.cleanup.minAgeDays', 'soon');
        reader.reread();
        reader.reread();
        assert.deepStrictEqual([reader.rules.keepNewest, reader.rules.minAgeDays], [5, 7], 'the workspace keeps more: it counts');
        assert.deepStrictEqual(
            logger.lines.filter((line) => line.includes('cleanup')),
            ['[warn] Ignoring zenlayer.cleanup.minAgeDays = "soon" (workspace settings: not a whole number in range); using the default.'],
        );
    });
});
