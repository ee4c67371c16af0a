/** Shown only when the registry asks for a token (PUBLIC_READ is off): paste it once, kept for this tab. */
import { token } from '../api/client';
import { field, h, replace } from '../dom';

export function renderSignIn(main: HTMLElement, refused: boolean, done: () => void): void {
  const input = h('input', {
    type: 'password',
    name: 'token',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  replace(
    main,
    h('h1', {}, 'Sign in'),
    h(
      'p',
      {},
      'This registry is not public. Paste the API token you were given; ' +
        'it is kept for this tab only and forgotten when you close it.',
    ),
    refused ? h('p', { class: 'error', role: 'alert' }, 'That token was not accepted.') : null,
    h(
      'form',
      {
        class: 'sign-in',
        onsubmit: ((e: Event) => {
          e.preventDefault();
          token.set(input.value);
          done();
        }) as EventListener,
      },
      field('API token', input),
      h('button', { type: 'submit' }, 'Sign in'),
    ),
  );
  input.focus();
}
