import * as vscode from 'vscode';
import type { FirstSeen } from '../../shared/records/observations';

const DAY_MS = 24 * 60 * 60_000;

/**
 * What the observation record says of an image's age, in words that say what it is: when this VS Code first saw it
 * ("first seen 12 days ago (by this VS Code)"), never when it was created, which Zenlayer does not tell; images already
 * there at the account's first listing have no known age ("there before 5 Dec 2026").
 */
export function firstSeenText(firstSeen: FirstSeen, now: number): string {
    if (firstSeen.kind === 'beforeFirstListing') {
        return vscode.l10n.t('there before {0}', dayText(firstSeen.firstListingAt));
    }
    const days = Math.max(0, Math.floor((now - firstSeen.at) / DAY_MS));
    if (days === 0) {
        return vscode.l10n.t('first seen today (by this VS Code)');
    }
    return days === 1 ? vscode.l10n.t('first seen yesterday (by this VS Code)') : vscode.l10n.t('first seen {0} days ago (by this VS Code)', days);
}

/** `5 Dec 2026` in English (day first, never ambiguous), `2026年12月5日` in Chinese: VS Code's display language otherwise. */
export function dayText(ms: number): string {
    const language = vscode.env.language;
    const locale = language.toLowerCase().startsWith('en') ? 'en-GB' : language;
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(ms));
}
