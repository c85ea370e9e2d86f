import * as vscode from 'vscode';
import type { AccountCheck } from './model/accountChecks';
import { type Account, type AccountNameProblem, MAX_ACCOUNT_NAME_LENGTH, maskedKeyId } from '../shared/session/accounts';

export function accountNameProblemText(problem: AccountNameProblem, name: string): string {
    switch (problem) {
        case 'empty':
            return vscode.l10n.t('Enter a name for the account, such as production or staging.');
        case 'tooLong':
            return vscode.l10n.t('Use at most {0} characters.', MAX_ACCOUNT_NAME_LENGTH);
        case 'control':
            return vscode.l10n.t('The name cannot contain line breaks or control characters.');
        case 'taken':
            return vscode.l10n.t('An account named "{0}" already exists.', name.trim());
    }
}

/** "AccessKey ID ••••••••EY01" or "access token": what identifies an account's credentials without showing them. */
export function maskedCredentialsText(account: Account): string {
    const masked = maskedKeyId(account.credentials);
    return masked === undefined ? vscode.l10n.t('access token') : vscode.l10n.t('AccessKey ID {0}', masked);
}

/** "5 minutes ago": how old a check is, coarse on purpose (it only says whether the verdict is fresh). */
export function agoText(at: number, now: number): string {
    const minutes = Math.floor(Math.max(0, now - at) / 60_000);
    if (minutes < 1) {
        return vscode.l10n.t('just now');
    }
    if (minutes < 60) {
        return minutes === 1 ? vscode.l10n.t('1 minute ago') : vscode.l10n.t('{0} minutes ago', minutes);
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 24) {
        return hours === 1 ? vscode.l10n.t('1 hour ago') : vscode.l10n.t('{0} hours ago', hours);
    }
    const days = Math.floor(hours / 24);
    return days === 1 ? vscode.l10n.t('1 day ago') : vscode.l10n.t('{0} days ago', days);
}

export function checkText(check: AccountCheck | undefined, now: number): string {
    if (!check) {
        return vscode.l10n.t('Not checked yet');
    }
    return check.ok
        ? vscode.l10n.t({
              message: '$(pass) Accepted by Zenlayer {0}',
              args: [agoText(check.at, now)],
              comment: ['The first value is a time such as "5 minutes ago"'],
          })
        : vscode.l10n.t({
              message: '$(error) Rejected by Zenlayer {0}: {1}',
              args: [agoText(check.at, now), check.reason],
              comment: ['The first value is a time such as "5 minutes ago", the second the error'],
          });
}
