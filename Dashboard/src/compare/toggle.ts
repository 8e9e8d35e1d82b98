// The "compare with previous period" checkbox in the top bar.
import { byTestId } from '../views';

export function bindCompareToggle(on: boolean, changed: (on: boolean) => void): void {
  const box = byTestId<HTMLInputElement>('compare-toggle');
  box.checked = on;
  box.addEventListener('change', () => changed(box.checked));
}
