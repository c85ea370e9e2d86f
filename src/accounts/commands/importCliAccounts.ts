import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { joinReasons, nameList } from '../../platform/listText';
import { type Account, type AccountsState, checkAccountName, sameCredentials, sameName } from '../../shared/session/accounts';
import type { CredentialSource } from '../../shared/session/credentialSources';
import { accountNameProblemText } from '../texts';
import type { AccountCommandContext } from './context';
import { readAccounts, writeAccounts } from './storage';

type CliProfile = Extract<CredentialSource, { kind: 'cliProfile' }>;
type NotImported = { readonly name: string; readonly reason: string };

/**
 * Import Accounts from the zeno CLI…: every profile of ~/.zenlayer/credentials.json, each checked; the ones Zenlayer
 * accepts are stored in one write, the CLI's current profile becomes active if no account was; the others are listed
 * with their reason and not stored. A profile whose name is taken by other credentials is left alone, never overwritten.
 */
export const importCliAccounts = (context: AccountCommandContext) => async (): Promise<void> => {
    const { ui, entry, store, checks, logger } = context;
    const state = await readAccounts(context);
    if (!state) {
        return;
    }
    const profiles = (await context.discoverSources()).filter((source): source is CliProfile => source.kind === 'cliProfile');
    if (profiles.length === 0) {
        void ui.showMessage('info', vscode.l10n.t('No zeno CLI profiles were found in ~/.zenlayer/credentials.json.'), {});
        return;
    }
    const { already, notImported, toCheck } = sortProfiles(state, profiles);
    const title = vscode.l10n.t('Checking {0} zeno CLI profile(s) with Zenlayer…', toCheck.length);
    const verdicts = toCheck.length === 0 ? [] : await ui.withProgress(title, () => Promise.all(toCheck.map((profile) => entry.check(profile.credentials))));
    const accepted: Account[] = [];
    toCheck.forEach((profile, index) => {
        const verdict = verdicts[index];
        if (verdict.ok) {
            accepted.push({ name: profile.profile.trim(), credentials: profile.credentials });
        } else {
            notImported.push({ name: profile.profile, reason: describeError(verdict.error) });
        }
    });
    // The CLI's current profile first in the list: it is the one made active when no account was.
    const current = profiles.find((profile) => profile.isCurrent)?.profile;
    const activate = state.active === undefined ? (accepted.find((account) => account.name === current) ?? accepted[0])?.name : undefined;
    if (accepted.length > 0 && !(await writeAccounts(context, () => store.saveAll(accepted, activate)))) {
        return;
    }
    const at = context.now();
    for (const account of accepted) {
        await checks.record(account.name, { ok: true, at });
    }
    logger.info(
        `zeno import: added ${namesOrNone(accepted.map((a) => a.name))}; already there: ${namesOrNone(already)}; ` +
            `not imported: ${namesOrNone(notImported.map((n) => n.name))}.`,
    );
    reportImport(context, accepted, already, notImported, activate);
};

/** Which profiles are already added, which cannot be (name taken or malformed), and which to check with Zenlayer. */
function sortProfiles(state: AccountsState, profiles: readonly CliProfile[]) {
    const already: string[] = [];
    const notImported: NotImported[] = [];
    const toCheck: CliProfile[] = [];
    for (const profile of profiles) {
        const existing = state.accounts.find((account) => sameName(account.name, profile.profile.trim()));
        const problem = checkAccountName(profile.profile, []);
        if (existing && sameCredentials(existing.credentials, profile.credentials)) {
            already.push(existing.name);
        } else if (existing) {
            notImported.push({ name: profile.profile, reason: vscode.l10n.t('an account with this name but other credentials exists; rename it first') });
        } else if (problem) {
            notImported.push({ name: profile.profile, reason: accountNameProblemText(problem, profile.profile) });
        } else {
            toCheck.push(profile);
        }
    }
    return { already, notImported, toCheck };
}

function reportImport(
    { ui }: AccountCommandContext,
    accepted: readonly Account[],
    already: readonly string[],
    notImported: readonly NotImported[],
    activated: string | undefined,
): void {
    const parts = [
        ...(accepted.length > 0
            ? [vscode.l10n.t('Imported {0} account(s) from the zeno CLI: {1}.', accepted.length, nameList(accepted.map((account) => account.name)))]
            : []),
        ...(activated !== undefined ? [vscode.l10n.t('The view shows "{0}".', activated)] : []),
        ...(already.length > 0 ? [vscode.l10n.t('Already added: {0}.', nameList(already))] : []),
        ...(notImported.length > 0
            ? [vscode.l10n.t('Not imported: {0}.', joinReasons(notImported.map(({ name, reason }) => vscode.l10n.t('{0} ({1})', name, reason))))]
            : []),
    ];
    const severity = notImported.length === 0 ? 'info' : accepted.length === 0 ? 'error' : 'warning';
    void ui.showMessage(severity, parts.join(' '), {});
}

/** The log's list of account names. */
function namesOrNone(names: readonly string[]): string {
    return names.join(', ') || 'none';
}
