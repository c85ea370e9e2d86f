// Just enough of playwright-core's and the shared code-server helper's API for the e2e suite. Both are
// loaded at run time from outside the extension's dependencies (.cache/vscode and scripts/vscode), so
// tsc never needs their real type packages.
import { createRequire } from 'module';
import * as path from 'path';

export interface WaitForOptions {
    state?: 'attached' | 'detached' | 'visible' | 'hidden';
    timeout?: number;
}

export interface Locator {
    click(options?: {
        button?: 'left' | 'right' | 'middle';
        modifiers?: ('Control' | 'Shift' | 'Alt' | 'Meta' | 'ControlOrMeta')[];
        timeout?: number;
        force?: boolean;
    }): Promise<void>;
    fill(value: string, options?: { timeout?: number }): Promise<void>;
    hover(options?: { position?: { x: number; y: number }; timeout?: number }): Promise<void>;
    press(key: string, options?: { timeout?: number }): Promise<void>;
    waitFor(options?: WaitForOptions): Promise<void>;
    filter(options: { hasText?: string | RegExp; has?: Locator; hasNot?: Locator }): Locator;
    locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
    getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
    getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
    first(): Locator;
    nth(index: number): Locator;
    count(): Promise<number>;
    isVisible(): Promise<boolean>;
    innerText(options?: { timeout?: number }): Promise<string>;
    allInnerTexts(): Promise<string[]>;
    inputValue(options?: { timeout?: number }): Promise<string>;
    getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
    scrollIntoViewIfNeeded(options?: { timeout?: number }): Promise<void>;
    /** Runs `fn` in the page with the element (typed structurally: the suite is compiled without DOM types). */
    evaluate<R, E = unknown>(fn: (element: E) => R): Promise<R>;
}

/** An iframe's document (a webview, say). */
export interface FrameLocator {
    locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
    frameLocator(selector: string): FrameLocator;
}

export interface Keyboard {
    press(key: string): Promise<void>;
    type(text: string, options?: { delay?: number }): Promise<void>;
}

export interface Mouse {
    move(x: number, y: number): Promise<void>;
    click(x: number, y: number): Promise<void>;
}

export interface Page extends Pick<Locator, 'locator' | 'getByRole' | 'getByText'> {
    goto(url: string, options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit' }): Promise<unknown>;
    screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
    waitForTimeout(ms: number): Promise<void>;
    on(event: 'crash' | 'pageerror' | 'console', handler: (arg: unknown) => void): void;
    setDefaultTimeout(ms: number): void;
    frameLocator(selector: string): FrameLocator;
    keyboard: Keyboard;
    mouse: Mouse;
}

export interface Browser {
    newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
    close(): Promise<void>;
}

export interface Profile {
    dir: string;
    userDataDir: string;
    extensionsDir: string;
    dispose(): void;
}

export interface CodeServer {
    url: string;
    port: number;
    output(): string;
    stop(): Promise<void>;
}

/** scripts/vscode/code-server.js */
export interface CodeServerLib {
    createProfile(options?: { dir?: string; settings?: Record<string, unknown>; keep?: boolean; locale?: string }): Profile;
    installExtension(profile: Profile, vsix: string): void;
    startCodeServer(options: { profile: Profile; env?: NodeJS.ProcessEnv; verbose?: boolean }): Promise<CodeServer>;
    remoteAuthority(url: string): Promise<string>;
    workbenchUrl(url: string, folder: string, authority: string, payload?: { extensionDevelopmentPath?: string }): string;
    launchChromium(profile: Profile): Promise<Browser>;
}

/** The repository root: out/test/e2e → ../../.. (compiled) or test/e2e → ../.. (ts-node); found by package.json. */
export function repoRoot(): string {
    let dir = __dirname;
    for (;;) {
        try {
            const pkg = createRequire(__filename)(path.join(dir, 'package.json')) as { name?: string };
            if (pkg.name === 'zenlayer-images') {
                return dir;
            }
        } catch {
            // not here
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`repository root not found above ${__dirname}`);
        }
        dir = parent;
    }
}

export function loadCodeServerLib(): CodeServerLib {
    return createRequire(__filename)(path.join(repoRoot(), 'scripts', 'vscode', 'code-server.js')) as CodeServerLib;
}
