/** The "As of" picker shown on every view: a day and a clock, kept in the route's parameters. */
import type { AsOfArgs } from './api/documents';
import { field, h, replace } from './dom';
import type { Route } from './route';
import { CLOCK_EXPLAINED, type Clock, day, endOfDay } from './words';

const TODAY = () => new Date().toISOString().slice(0, 10);

/** The as-of arguments for the API, from the route (none: now). */
export function asOfArgs(params: Record<string, string>): AsOfArgs {
  const clock: Clock = params.clock === 'RECORDED' ? 'RECORDED' : 'KNOWN';
  return params.asOf ? { asOf: endOfDay(params.asOf), clock } : { clock };
}

export function renderAsOfPicker(host: HTMLElement, route: Route, go: (params: Record<string, string>) => void): void {
  const clock: Clock = route.params.clock === 'RECORDED' ? 'RECORDED' : 'KNOWN';
  const date = h('input', { type: 'date', name: 'asOf', max: TODAY(), value: route.params.asOf ?? '' });
  const clockSelect = h(
    'select',
    { name: 'clock' },
    h('option', { value: 'KNOWN', selected: clock === 'KNOWN' }, 'Publicly known on'),
    h('option', { value: 'RECORDED', selected: clock === 'RECORDED' }, 'What the registry showed on'),
  );
  const apply = (params: Record<string, string>) => go({ ...route.params, ...params });
  const form = h(
    'form',
    {
      class: 'as-of',
      'aria-label': 'Date and clock',
      onsubmit: ((e: Event) => {
        e.preventDefault();
        apply({ asOf: date.value, clock: clockSelect.value });
      }) as EventListener,
    },
    field('As of', date),
    field('Clock', clockSelect),
    h('button', { type: 'submit' }, 'Show'),
    h(
      'button',
      { type: 'button', onclick: (() => apply({ asOf: '', clock: clockSelect.value })) as EventListener },
      'Today',
    ),
    h(
      'p',
      { class: 'clock-explained', id: 'clock-explained' },
      route.params.asOf ? `Showing ${day(route.params.asOf)}. ` : 'Showing today. ',
      CLOCK_EXPLAINED[clock],
    ),
  );
  clockSelect.setAttribute('aria-describedby', 'clock-explained');
  replace(host, form);
}
