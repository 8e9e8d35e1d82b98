// The optional access key: taken from the page URL (?key= or #key=) or asked for after a 401, kept in
// sessionStorage (this tab only, never a cookie), and sent as a bearer token.

const storageKey = 'analytics-grid-key';

function readStored(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function store(key: string): void {
  try {
    sessionStorage.setItem(storageKey, key);
  } catch {
    // Storage blocked: the key still lives in memory for this page.
  }
}

export class AccessKey {
  private key: string | null;

  constructor() {
    const url = new URL(location.href);
    const fromHash = new URLSearchParams(url.hash.slice(1));
    const given = url.searchParams.get('key') ?? fromHash.get('key');
    if (given) {
      store(given);
      // Out of the address bar, so it does not end up in bookmarks, screenshots or shared links.
      url.searchParams.delete('key');
      fromHash.delete('key');
      url.hash = fromHash.toString();
      history.replaceState(history.state, '', url);
    }
    this.key = given ?? readStored();
  }

  get value(): string | null {
    return this.key;
  }

  set(key: string): void {
    this.key = key;
    store(key);
  }

  headers(): HeadersInit {
    return this.key ? { Authorization: `Bearer ${this.key}` } : {};
  }
}

/** Shows the key form once, however many requests were refused, and hands the entered key to `onKey`. */
export function keyPrompt(onKey: (key: string) => void): () => void {
  const dialog = document.getElementById('key-dialog') as HTMLDialogElement;
  const form = document.getElementById('key-form') as HTMLFormElement;
  const input = document.getElementById('key-input') as HTMLInputElement;
  form.addEventListener('submit', () => {
    const key = input.value.trim();
    input.value = '';
    if (key) onKey(key);
  });
  return () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
  };
}
