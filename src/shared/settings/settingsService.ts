import * as vscode from 'vscode';
import { CLEANUP_SETTING_KEYS, SETTINGS } from '../../constants';
import { parseProtectionRules, type ProtectionRule } from './protection';
import { Emitter } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import type { ProxySettings } from '../../platform/proxy';
import { type ExtensionSettings, type GroupBy, readSettings } from './settings';

export interface SettingsChange {
    /** The endpoint, timeout or a proxy setting in effect changed: the client must be rebuilt. */
    readonly clientChanged: boolean;
    /** Another service: images and deletes known from the previous endpoint mean nothing there. */
    readonly endpointChanged: boolean;
    readonly groupByChanged: boolean;
    readonly protectionChanged: boolean;
    /** A zenlayer.cleanup.* setting changed at some level (the cleanup's rules are read again). */
    readonly cleanupChanged: boolean;
}

/** One scope's levels of a setting, as `WorkspaceConfiguration.inspect()` gives them. */
export interface InspectedLevels {
    readonly defaultValue?: unknown;
    readonly globalValue?: unknown;
    readonly workspaceValue?: unknown;
    readonly workspaceFolderValue?: unknown;
}

/**
 * The one reader of the extension's settings and VS Code's `http.*` proxy settings. Values are read once per change
 * (so an invalid one is logged once, not per use), and a change is reported by comparing the values in effect, not by
 * `affectsConfiguration`: VS Code can change what applies without naming the key (a remote window re-reading settings).
 */
export class SettingsService implements vscode.Disposable {
    private readonly changed = new Emitter<SettingsChange>();
    readonly onDidChange = this.changed.event;
    private settings: ExtensionSettings;
    private proxySettings: ProxySettings;
    private protection: readonly ProtectionRule[];
    private cleanupLevels: string;
    private readonly subscription: vscode.Disposable;
    private readonly reportedProblems = { settings: new Set<string>(), protection: new Set<string>() };

    constructor(private readonly logger: Logger) {
        this.settings = this.readExtensionSettings();
        this.proxySettings = readProxySettings();
        this.protection = this.readProtection();
        this.cleanupLevels = this.readCleanupLevels();
        this.subscription = vscode.workspace.onDidChangeConfiguration(() => this.reread());
    }

    get current(): ExtensionSettings {
        return this.settings;
    }

    get proxy(): ProxySettings {
        return this.proxySettings;
    }

    /** Every level's entries of zenlayer.delete.protectedImages together: a workspace adds, never removes. */
    get protectionRules(): readonly ProtectionRule[] {
        return this.protection;
    }

    /**
     * Every level of a setting under `zenlayer.`, for the window and for each workspace folder (folder values differ per
     * folder): for settings where a workspace may only make things stricter, which the caller decides level by level.
     */
    inspectEverywhere(key: string): readonly (InspectedLevels | undefined)[] {
        const inspect = (scope?: vscode.Uri) => vscode.workspace.getConfiguration(SETTINGS.section, scope).inspect<unknown>(key);
        return [inspect(), ...(vscode.workspace.workspaceFolders ?? []).map((folder) => inspect(folder.uri))];
    }

    /**
     * Writes Group By where the value in effect comes from: a user-settings write would stay hidden behind a workspace
     * value. (The setting is window-scoped, so VS Code ignores folder values in a multi-root workspace.)
     */
    async updateGroupBy(groupBy: GroupBy): Promise<void> {
        const configuration = vscode.workspace.getConfiguration(SETTINGS.section);
        const inspected = configuration.inspect<string>(SETTINGS.groupBy);
        const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await configuration.update(SETTINGS.groupBy, groupBy, target);
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }

    private reread(): void {
        const before = { settings: this.settings, proxy: this.proxySettings };
        const after = { settings: this.readExtensionSettings(), proxy: readProxySettings() };
        this.settings = after.settings;
        this.proxySettings = after.proxy;
        const protectionBefore = this.protection.map((rule) => rule.entry).join('\n');
        this.protection = this.readProtection();
        const protectionChanged = protectionBefore !== this.protection.map((rule) => rule.entry).join('\n');
        const endpointChanged = before.settings.endpoint !== after.settings.endpoint;
        const clientChanged =
            endpointChanged ||
            before.settings.requestTimeoutMs !== after.settings.requestTimeoutMs ||
            JSON.stringify(before.proxy) !== JSON.stringify(after.proxy);
        const groupByChanged = before.settings.groupBy !== after.settings.groupBy;
        const cleanupLevels = this.readCleanupLevels();
        const cleanupChanged = cleanupLevels !== this.cleanupLevels;
        this.cleanupLevels = cleanupLevels;
        if (clientChanged || groupByChanged || protectionChanged || cleanupChanged || JSON.stringify(before.settings) !== JSON.stringify(after.settings)) {
            this.changed.fire({ clientChanged, endpointChanged, groupByChanged, protectionChanged, cleanupChanged });
        }
    }

    /** Every configuration change re-reads, so a value still invalid from before is not logged again. */
    private reportProblems(problems: readonly { key: string; value: unknown }[], kind: keyof SettingsService['reportedProblems']): void {
        const seen = new Set<string>();
        for (const problem of problems) {
            const key = `${problem.key}=${JSON.stringify(problem.value)}`;
            seen.add(key);
            if (!this.reportedProblems[kind].has(key)) {
                this.logger.warn(
                    kind === 'protection'
                        ? `Ignoring invalid entry ${JSON.stringify(problem.value)} of ${SETTINGS.section}.${problem.key} ` +
                              `(expected a name pattern, tag:KEY or tag:KEY=VALUE).`
                        : `Ignoring invalid setting ${SETTINGS.section}.${problem.key} = ${JSON.stringify(problem.value)}; using the default.`,
                );
            }
        }
        this.reportedProblems[kind] = seen;
    }

    /**
     * VS Code's `get` returns only the most specific level of an array setting, so a workspace value would replace the
     * user's list; the levels are read one by one and joined instead, each folder of a multi-root workspace included.
     */
    private readProtection(): readonly ProtectionRule[] {
        const inspect = (scope?: vscode.Uri) => vscode.workspace.getConfiguration(SETTINGS.section, scope).inspect<unknown>(SETTINGS.protectedImages);
        const top = inspect();
        const levels: unknown[] = [
            top?.defaultValue,
            top?.globalValue,
            top?.workspaceValue,
            ...(vscode.workspace.workspaceFolders ?? []).map((folder) => inspect(folder.uri)?.workspaceFolderValue),
        ];
        const entries: unknown[] = [];
        for (const level of levels) {
            if (Array.isArray(level)) {
                entries.push(...(level as unknown[]));
            } else if (level !== undefined) {
                entries.push(level); // not a list: reported as an invalid entry below
            }
        }
        const { rules, invalid } = parseProtectionRules(entries);
        this.reportProblems(
            invalid.map((problem) => ({ key: SETTINGS.protectedImages, value: problem.entry })),
            'protection',
        );
        return rules;
    }

    private readCleanupLevels(): string {
        return JSON.stringify(CLEANUP_SETTING_KEYS.map((key) => this.inspectEverywhere(key)));
    }

    private readExtensionSettings(): ExtensionSettings {
        const configuration = vscode.workspace.getConfiguration(SETTINGS.section);
        const { settings, problems } = readSettings((key) => (key === SETTINGS.endpoint ? userValue(configuration, key) : configuration.get(key)));
        this.reportProblems(problems, 'settings');
        return settings;
    }
}

/**
 * The endpoint decides where signed requests go, so only the user's own value counts: a workspace or folder value
 * (from a cloned repository) is never used. Reading the user value explicitly also works in remote windows, where VS Code
 * does not apply a machine-scoped user value (the setting is application-scoped for that reason).
 */
function userValue(configuration: vscode.WorkspaceConfiguration, key: string): unknown {
    const inspected = configuration.inspect(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
}

function readProxySettings(): ProxySettings {
    const http = vscode.workspace.getConfiguration('http');
    return {
        proxy: http.get<string>('proxy'),
        strictSSL: http.get<boolean>('proxyStrictSSL', true),
        noProxy: http.get<string[]>('noProxy', []),
        proxySupport: http.get<string>('proxySupport'),
        proxyAuthorization: http.get<string | null>('proxyAuthorization'),
    };
}
