// The extension's user-visible texts in the workbench language of a run, read from the same files VS Code uses
// (package.nls[.<locale>].json for the manifest, l10n/bundle.l10n[.<locale>].json for vscode.l10n.t), so the
// steps find things by the words a user of that language sees.
import * as fs from 'fs';
import * as path from 'path';

export interface Texts {
    readonly locale: string;
    /** A manifest string (`%key%` in package.json). */
    nls(key: string): string;
    /** What `vscode.l10n.t(message, ...args)` shows. */
    t(message: string, ...args: (string | number)[]): string;
    /** Names joined as the extension joins them (src/platform/listText.ts): ", " in English, "、" in Chinese. */
    names(list: readonly string[]): string;
    /** A pattern for `t(message, ...)`, where RegExp arguments stand for text the step does not pin down. */
    pattern(message: string, ...args: (string | number | RegExp)[]): RegExp;
    /** The label of the `[label](command:<id>)` link in a manifest string (the welcome view's buttons). */
    commandLink(key: string, command: string): string;
}

function readJson(file: string): Record<string, string> {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** A translation file for `locale`, or the English one (VS Code's own fallback when there is none). */
function localised(root: string, base: string, locale: string): Record<string, string> {
    const english = readJson(path.join(root, `${base}.json`));
    const file = path.join(root, `${base}.${locale}.json`);
    return locale === 'en' || !fs.existsSync(file) ? english : { ...english, ...readJson(file) };
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function loadTexts(root: string, locale: string): Texts {
    const manifest = localised(root, 'package.nls', locale);
    const bundle = locale === 'en' ? {} : readJson(path.join(root, 'l10n', `bundle.l10n.${locale}.json`));
    const template = (message: string): string => bundle[message] ?? message;
    const nls = (key: string): string => {
        const text = manifest[key];
        if (text === undefined) {
            throw new Error(`package.nls.json has no key ${key}`);
        }
        return text;
    };
    return {
        locale,
        nls,
        names: (list) => list.join(bundle[', /Separator between names (of images or accounts) in a list'] ?? ', '),
        t: (message, ...args) =>
            template(message).replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)]))),
        pattern: (message, ...args) =>
            new RegExp(
                template(message)
                    .split(/(\{\d+\})/)
                    .map((part) => {
                        const slot = /^\{(\d+)\}$/.exec(part);
                        const arg = slot ? args[Number(slot[1])] : undefined;
                        if (arg === undefined) {
                            return escapeRegExp(part);
                        }
                        return arg instanceof RegExp ? `(?:${arg.source})` : escapeRegExp(String(arg));
                    })
                    .join(''),
            ),
        commandLink: (key, command) => {
            const m = new RegExp(`\\[([^\\]]+)\\]\\(command:${escapeRegExp(command)}\\)`).exec(nls(key));
            if (!m) {
                throw new Error(`${key} has no link to command:${command}`);
            }
            return m[1];
        },
    };
}
