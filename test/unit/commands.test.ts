// Every command of the manifest (COMMANDS, which test/unit/manifest.test.ts keeps in step with package.json) is
// handled by exactly one feature's command table: a command nobody registers, or two features registering one, fails.
import * as assert from 'node:assert/strict';
import { ACCOUNT_COMMANDS } from '../../src/accounts/commands';
import { COMMANDS } from '../../src/constants';
import { IMAGE_COMMANDS } from '../../src/images/commands';
import { REFERENCE_COMMANDS } from '../../src/references/commands';

describe('command tables of the features', function () {
    const tables: Record<string, object> = { accounts: ACCOUNT_COMMANDS, images: IMAGE_COMMANDS, references: REFERENCE_COMMANDS };

    it('handle every command of the manifest exactly once', function () {
        const handledBy = new Map<string, string[]>();
        for (const [feature, table] of Object.entries(tables)) {
            for (const name of Object.keys(table)) {
                handledBy.set(name, [...(handledBy.get(name) ?? []), feature]);
            }
        }
        for (const name of Object.keys(COMMANDS)) {
            assert.deepEqual(handledBy.get(name)?.length, 1, `${name} is handled by ${JSON.stringify(handledBy.get(name) ?? [])}`);
        }
        assert.deepEqual(
            [...handledBy.keys()].filter((name) => !(name in COMMANDS)),
            [],
            'handlers for commands the manifest does not have',
        );
    });
});
