import type * as vscode from 'vscode';
import { ALWAYS_EXCLUDED_GLOBS, DEFAULT_INCLUDE_GLOBS, flattenGlobs, joinGlobs } from '../../src/references/model/globs';
import { folderScope } from '../../src/references/scope';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS, CONTEXT_KEYS, EXTENSION_ID, IMAGES_VIEW_ID, VIEW_CONTAINER_ID } from '../../src/constants';
import { KEY_BINDING_ARGS } from '../../src/images/commands/context';
import { imageContextValue } from '../../src/images/model/images';
import { readSettings } from '../../src/shared/settings/settings';
import { SettingsService } from '../../src/shared/settings/settingsService';
import { fakeConfiguration, Uri } from '../support/fakeVscode';
import { memoryLogger } from '../support/imagesFeature';
import { image } from '../support/fixtures';

interface MenuEntry {
    command: string;
    when?: string;
    group?: string;
}
interface Manifest {
    activationEvents: string[];
    name: string;
    publisher: string;
    contributes: {
        commands: { command: string; title: string; category?: string }[];
        menus: Record<string, MenuEntry[]>;
        viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
        views: Record<string, { id: string; name: string }[]>;
        viewsWelcome: { view: string; contents: string; when?: string }[];
        keybindings: { command: string; key: string; mac?: string; when: string; args?: unknown }[];
        configuration: { properties: Record<string, { default?: unknown; enum?: string[]; scope?: string }> };
    };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key]);

/** The regex of a `viewItem =~ /…/` clause, as VS Code would evaluate it. */
function viewItemPattern(when: string | undefined): RegExp {
    const match = /viewItem =~ \/(.+?)\/(\s|$)/.exec(when ?? '');
    assert.ok(match, `no viewItem regex in ${when}`);
    return new RegExp(match[1]);
}

describe('manifest (package.json contributes)', () => {
    it('has the agreed extension id, container and view', () => {
        assert.strictEqual(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
        const container = manifest.contributes.viewsContainers.activitybar.find((entry) => entry.id === VIEW_CONTAINER_ID);
        assert.ok(container && text(container.title) === 'Zenlayer');
        assert.ok(fs.existsSync(path.join(root, container.icon)), 'activity-bar icon exists');
        const view = manifest.contributes.views[VIEW_CONTAINER_ID]?.find((entry) => entry.id === IMAGES_VIEW_ID);
        assert.ok(view && text(view.name) === 'Images');
    });

    it('contributes exactly the commands in COMMANDS, each in the Zenlayer category', () => {
        const contributed = manifest.contributes.commands.map((command) => command.command).sort();
        assert.deepStrictEqual(contributed, Object.values(COMMANDS).sort());
        for (const command of manifest.contributes.commands) {
            assert.strictEqual(text(command.category ?? ''), 'Zenlayer', command.command);
        }
    });

    it('uses the agreed titles', () => {
        const title = (id: string) => text(manifest.contributes.commands.find((command) => command.command === id)?.title ?? '');
        assert.strictEqual(title(COMMANDS.configureCredentials), 'Configure Credentials');
        assert.strictEqual(title(COMMANDS.signOut), 'Sign Out of All Accounts');
        assert.strictEqual(title(COMMANDS.switchAccount), 'Switch Account…');
        assert.strictEqual(title(COMMANDS.addAccount), 'Add Account…');
        assert.strictEqual(title(COMMANDS.importCliAccounts), 'Import Accounts from the zeno CLI…');
        assert.strictEqual(title(COMMANDS.deleteImages), 'Delete Images…');
        assert.strictEqual(title(COMMANDS.refresh), 'Refresh');
        assert.strictEqual(title(COMMANDS.deleteImage), 'Delete');
    });

    it('activates at start-up, so the status bar shows the account before the view is opened', () => {
        assert.ok(manifest.activationEvents.includes('onStartupFinished'));
    });

    it('only refers to contributed commands in menus and key bindings', () => {
        const known = new Set(Object.values(COMMANDS));
        const referenced = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((entry) => entry.command);
        assert.deepStrictEqual(
            referenced.filter((command) => !known.has(command as never)),
            [],
        );
    });

    it('hides the node-only commands from the palette', () => {
        const hidden = manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command);
        assert.ok(hidden.includes(COMMANDS.deleteImage));
        assert.ok(!hidden.includes(COMMANDS.deleteImages));
    });

    it('offers Delete in the trailing group only for images whose context value says deletable', () => {
        const entry = manifest.contributes.menus['view/item/context'].find((menu) => menu.command === COMMANDS.deleteImage);
        assert.ok(entry?.group?.startsWith('z_'), 'destructive actions go last');
        const pattern = viewItemPattern(entry?.when);
        assert.ok(pattern.test(imageContextValue(image('ok'))));
        assert.ok(pattern.test('zenlayer.group.deletable'));
        assert.ok(!pattern.test(imageContextValue(image('pub', { type: 'PUBLIC_IMAGE' }))));
        assert.ok(!pattern.test(imageContextValue(image('new', { status: 'CREATING' }))));
        assert.ok(!pattern.test(imageContextValue(image('busy'), new Map([['img-busy', { phase: 'sending' }]]))));
    });

    it('offers Copy ID, Copy Name and View Details on every image, but not on groups', () => {
        for (const command of [COMMANDS.copyImageId, COMMANDS.copyImageName, COMMANDS.viewDetails]) {
            const pattern = viewItemPattern(manifest.contributes.menus['view/item/context'].find((menu) => menu.command === command)?.when);
            assert.ok(pattern.test(imageContextValue(image('pub', { type: 'PUBLIC_IMAGE', status: 'CREATING' }))), command);
            assert.ok(!pattern.test('zenlayer.group.deletable'), command);
        }
    });

    it('binds Delete (Cmd+Backspace on macOS) on the focused view to the same delete command', () => {
        const binding = manifest.contributes.keybindings.find((entry) => entry.command === COMMANDS.deleteImage);
        assert.ok(binding);
        assert.strictEqual(binding.key, 'delete');
        assert.strictEqual(binding.mac, 'cmd+backspace');
        assert.match(binding.when, new RegExp(`focusedView == ${IMAGES_VIEW_ID.replace('.', '\\.')}`));
        // The key's own argument: a context-menu call without a row is a refreshed row, never the selection's cue.
        assert.deepStrictEqual(binding.args, KEY_BINDING_ARGS);
    });

    it('every key binding on the view passes the argument that says "act on the selection"', () => {
        const onView = manifest.contributes.keybindings.filter((entry) => entry.when.includes(`focusedView == ${IMAGES_VIEW_ID}`));
        assert.deepStrictEqual(
            onView.map((entry) => entry.command),
            [COMMANDS.deleteImage, COMMANDS.renameImage],
        );
        onView.forEach((entry) => assert.deepStrictEqual(entry.args, KEY_BINDING_ARGS, entry.command));
    });

    it('shows "Loading…" until the credentials were read, then a welcome view with a Configure Credentials button when signed out', () => {
        const [loading, welcome] = manifest.contributes.viewsWelcome.filter((entry) => entry.view === IMAGES_VIEW_ID);
        assert.ok(loading && welcome);
        assert.strictEqual(loading.when, `!${CONTEXT_KEYS.ready}`);
        assert.strictEqual(welcome.when, `${CONTEXT_KEYS.ready} && !${CONTEXT_KEYS.signedIn}`);
        assert.match(text(welcome.contents), /\[Configure Credentials\]\(command:zenlayer\.configureCredentials\)/);
    });

    it('declares every setting with the default the README documents, which is also what the extension uses when it is unset', () => {
        const properties = manifest.contributes.configuration.properties;
        // The README's Settings table: | `zenlayer.key` | `default` | meaning |
        const documented = new Map(
            [...fs.readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/^\| `(zenlayer\.[\w.]+)` \| `([^`]*)` \|/gm)].map(([, key, value]) => [
                key,
                value,
            ]),
        );
        assert.deepStrictEqual(
            Object.keys(properties).sort(),
            [...documented.keys()].sort(),
            'the README documents exactly the settings the manifest declares',
        );
        for (const [key, value] of documented) {
            // Strings are written bare in the table (`modal`), numbers, booleans and lists as JSON (`10`, `true`, `[]`).
            const expected: unknown = /^([[\d]|true$|false$)/.test(value) ? JSON.parse(value) : value;
            assert.deepStrictEqual(properties[key].default, expected, `${key}: the manifest's default is not the README's`);
        }
        // Unset, the extension reads the same values: the settings read together first, then those read on their own.
        const { settings, problems } = readSettings(() => undefined);
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual(
            {
                endpoint: settings.endpoint,
                requestTimeoutSeconds: settings.requestTimeoutMs / 1000,
                groupBy: settings.groupBy,
                confirmation: settings.confirmation,
                pollIntervalSeconds: settings.pollIntervalMs / 1000,
                typeCountThreshold: settings.typeCountThreshold,
            },
            {
                endpoint: properties['zenlayer.endpoint'].default,
                requestTimeoutSeconds: properties['zenlayer.requestTimeoutSeconds'].default,
                groupBy: properties['zenlayer.images.groupBy'].default,
                confirmation: properties['zenlayer.delete.confirmation'].default,
                pollIntervalSeconds: properties['zenlayer.delete.pollIntervalSeconds'].default,
                typeCountThreshold: properties['zenlayer.delete.typeCountThreshold'].default,
            },
        );
        // Unset at every level, the list of protected images protects nothing, as its default `[]` says.
        fakeConfiguration.reset();
        const settingsService = new SettingsService(memoryLogger());
        try {
            assert.deepStrictEqual(settingsService.protectionRules, properties['zenlayer.delete.protectedImages'].default);
        } finally {
            settingsService.dispose();
        }
        // The references' scope, unset: turned on (the default `true`), the default file types, nothing excluded but the
        // folders always left out (the default `[]`).
        assert.deepStrictEqual(properties['zenlayer.references.include'].default, DEFAULT_INCLUDE_GLOBS);
        assert.strictEqual(properties['zenlayer.references.enabled'].default, true);
        assert.deepStrictEqual(properties['zenlayer.references.exclude'].default, []);
        const scope = folderScope({ uri: Uri.file('/work/project'), name: 'project', index: 0 } as unknown as vscode.WorkspaceFolder);
        assert.strictEqual(scope.include, joinGlobs(flattenGlobs(DEFAULT_INCLUDE_GLOBS).flat));
        assert.strictEqual(scope.exclude, joinGlobs(flattenGlobs(ALWAYS_EXCLUDED_GLOBS).flat));
        assert.deepStrictEqual(properties['zenlayer.images.groupBy'].enum, ['none', 'status', 'osType', 'region', 'usage', 'cleanup']);
        assert.deepStrictEqual(properties['zenlayer.delete.confirmation'].enum, ['modal', 'typeToConfirm']);
    });

    it('makes the endpoint a user setting that applies in remote windows too, never a workspace one', () => {
        // "application": only user settings, applied in local, remote and web windows alike. "machine" is not applied from
        // user settings in a remote window once VS Code re-reads settings; "window" would let a cloned folder redirect it.
        assert.strictEqual(manifest.contributes.configuration.properties['zenlayer.endpoint'].scope, 'application');
    });
});
