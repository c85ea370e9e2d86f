/**
 * Which files of each workspace folder are scanned: `zenlayer.references.include` minus `.git`, `node_modules`,
 * `.terraform`, `zenlayer.references.exclude`, `files.exclude` and `search.exclude` (each read for the folder).
 * findFiles gets them as two globs; the file watcher's events are checked against the same globs here.
 */
import * as vscode from 'vscode';
import { REFERENCE_SETTINGS } from './constants';
import { ALWAYS_EXCLUDED_GLOBS, DEFAULT_INCLUDE_GLOBS, enabledGlobKeys, flattenGlobs, GlobMatcher, joinGlobs } from './model/globs';

export interface FolderScope {
    readonly folder: vscode.WorkspaceFolder;
    /** For findFiles; undefined when the folder is not scanned (turned off, or no include glob). */
    readonly include: string | undefined;
    readonly exclude: string | undefined;
    /** Setting entries that are not usable globs (unbalanced braces), for the log. */
    readonly rejected: readonly string[];
    contains(uri: vscode.Uri): boolean;
}

/** File systems that ignore case, as VS Code's globs do there. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

function stringsOf(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

export function folderScope(folder: vscode.WorkspaceFolder): FolderScope {
    const settings = vscode.workspace.getConfiguration(REFERENCE_SETTINGS.section, folder.uri);
    const enabled = settings.get<boolean>(REFERENCE_SETTINGS.enabled, true) !== false;
    const includeSetting = settings.get<unknown>(REFERENCE_SETTINGS.include, DEFAULT_INCLUDE_GLOBS);
    const include = flattenGlobs(enabled ? stringsOf(includeSetting) : []);
    const exclude = flattenGlobs([
        ...ALWAYS_EXCLUDED_GLOBS,
        ...stringsOf(settings.get<unknown>(REFERENCE_SETTINGS.exclude, [])),
        ...enabledGlobKeys(vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude')),
        ...enabledGlobKeys(vscode.workspace.getConfiguration('search', folder.uri).get<unknown>('exclude')),
    ]);
    const includes = new GlobMatcher(include.flat, IGNORE_CASE);
    const excludes = new GlobMatcher(exclude.flat, IGNORE_CASE);
    const folderPath = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return {
        folder,
        include: joinGlobs(include.flat),
        exclude: joinGlobs(exclude.flat),
        rejected: [...include.rejected, ...exclude.rejected],
        contains: (uri) => {
            if (uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority || !uri.path.startsWith(folderPath)) {
                return false;
            }
            const relative = uri.path.slice(folderPath.length);
            return includes.matches(relative) && !excludes.matchesPathOrParent(relative);
        },
    };
}

/** Every settings change that alters which files are scanned. */
export function affectsScope(event: vscode.ConfigurationChangeEvent): boolean {
    return ['zenlayer.references', 'files.exclude', 'search.exclude'].some((section) => event.affectsConfiguration(section));
}
