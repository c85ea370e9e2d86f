/** Anything with dispose(); an async dispose (closing HTTP clients) is awaited. */
export interface AsyncDisposable {
    dispose(): unknown;
}

/**
 * What activate() created, disposed in reverse order when the extension stops. deactivate() awaits it, so the
 * clients' sockets are closed before VS Code moves on.
 */
export class DisposableStore {
    private readonly items: AsyncDisposable[] = [];
    private disposed: Promise<void> | undefined;

    add<T extends AsyncDisposable>(item: T): T {
        this.items.push(item);
        return item;
    }

    dispose(): Promise<void> {
        this.disposed ??= (async () => {
            for (const item of this.items.splice(0).reverse()) {
                await item.dispose();
            }
        })();
        return this.disposed;
    }
}
