import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';

/** What the rename, copy, remove-copy and create flows work with. */
export interface LifecycleContext {
    readonly ui: UserInterface;
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly model: ImagesModel;
    readonly lifecycle: ImageLifecycle;
    readonly logger: Logger;
    readonly configureCredentials: () => Promise<void>;
}

/** A result's one line with the request ID Zenlayer gave it (support asks for it). */
export function withRequestId(text: string, requestId: string | undefined): string {
    return requestId === undefined ? text : vscode.l10n.t('{0} (requestId {1})', text, requestId);
}

/**
 * Sends one call under a progress notification. Signed out: offers Configure Credentials. A failure is reported as one
 * error notification with what Zenlayer said (describeError names its code, message and request ID) and logged.
 * Resolves with the answer, or undefined when nothing (more) is to be done.
 */
export async function callZenlayer<R>(
    context: LifecycleContext,
    progressTitle: string,
    failure: (reason: string) => string,
    call: (api: ImagesApi) => Promise<R>,
): Promise<R | undefined> {
    const { ui, logger } = context;
    try {
        const api = await context.api();
        if (!api) {
            await offerSignIn(context);
            return undefined;
        }
        return await ui.withProgress(progressTitle, () => call(api));
    } catch (error) {
        const text = failure(describeError(error));
        logger.warn(text);
        void ui.showMessage('error', text, {});
        return undefined;
    }
}

export async function offerSignIn(context: Pick<LifecycleContext, 'ui' | 'configureCredentials'>): Promise<void> {
    const configure = vscode.l10n.t('Configure Credentials');
    const choice = await context.ui.showMessage('warning', vscode.l10n.t('Configure your Zenlayer credentials first.'), {}, configure);
    if (choice === configure) {
        await context.configureCredentials();
    }
}

/** Tells the person why nothing was sent: one warning, no request. */
export function refuse(context: Pick<LifecycleContext, 'ui' | 'logger'>, text: string): void {
    context.logger.info(`Not sent: ${text}`);
    void context.ui.showMessage('warning', text, {});
}
