import type { LogOutputChannel } from 'vscode';

/** What the rest of the extension logs through; the LogOutputChannel "Zenlayer" in production. */
export interface Logger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
}

/**
 * Writes to the output channel and, in test mode, keeps the last lines in memory so integration tests can
 * check what was logged (and that no secret was).
 */
export class ChannelLogger implements Logger {
    private readonly recent: string[] = [];

    constructor(
        private readonly channel: Pick<LogOutputChannel, 'debug' | 'info' | 'warn' | 'error'>,
        private readonly keepRecent: number,
    ) {}

    get recentLines(): readonly string[] {
        return this.recent;
    }

    clearRecent(): void {
        this.recent.length = 0;
    }

    debug(message: string): void {
        this.channel.debug(message);
        this.remember('debug', message);
    }
    info(message: string): void {
        this.channel.info(message);
        this.remember('info', message);
    }
    warn(message: string): void {
        this.channel.warn(message);
        this.remember('warn', message);
    }
    error(message: string): void {
        this.channel.error(message);
        this.remember('error', message);
    }

    private remember(level: string, message: string): void {
        if (this.keepRecent === 0) {
            return;
        }
        this.recent.push(`[${level}] ${message}`);
        if (this.recent.length > this.keepRecent) {
            this.recent.shift();
        }
    }
}
