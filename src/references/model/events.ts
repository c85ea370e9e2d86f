/** A minimal event, shaped like vscode.Event, for this feature's vscode-free model. */
export type Listener<T> = (value: T) => void;

export interface Subscription {
    dispose(): void;
}

export type Event<T> = (listener: Listener<T>) => Subscription;

export class Emitter<T> {
    private readonly listeners = new Set<Listener<T>>();

    readonly event: Event<T> = (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
    };

    fire(value: T): void {
        for (const listener of [...this.listeners]) {
            listener(value);
        }
    }

    dispose(): void {
        this.listeners.clear();
    }
}
