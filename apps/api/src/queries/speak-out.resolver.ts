import { Args, Query, Resolver } from '@nestjs/graphql';
import { LiveReads } from '../read-store/live-reads.service';
import { PastReads } from '../read-store/past-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { withoutNulls } from '../incidents/without-nulls';
import { ResponseMatrixFilterInput, SpeakOutFilterInput } from './dto/speak-out-filter.input';
import { selectionOf } from './dto/time-travel.input';
import { timeTravel } from './model-context';
import { ResponseMatrixObject, SpeakOutReportObject } from './objects/speak-out.objects';

/** The presidency's report: who condemned, who expressed concern, who stayed silent. */
@Resolver()
export class SpeakOutResolver {
  constructor(
    private readonly reference: ReferenceData,
    private readonly live: LiveReads,
    private readonly past: PastReads,
  ) {}

  @Query(() => SpeakOutReportObject, {
    description:
      'For the matched incidents: confirmed ones; ' +
      'States Parties that condemned, expressed concern or stayed silent; lags',
  })
  async speakOutReport(
    @Args('filter', { type: () => SpeakOutFilterInput, nullable: true }) filter?: SpeakOutFilterInput,
  ): Promise<SpeakOutReportObject> {
    const cut = timeTravel(filter, 'KNOWN');
    const states = this.reference.ccmStates;
    const selection = withoutNulls(selectionOf(filter));
    return cut.asOf
      ? this.past.speakOutReportAt(cut.asOf, cut.clock, states, selection)
      : this.live.speakOutReport(states, selection);
  }

  @Query(() => ResponseMatrixObject, {
    description:
      'Every State Party against each situation or incident: its strongest response, scope, date and lag (flat rows)',
  })
  async responseMatrix(
    @Args('filter', { type: () => ResponseMatrixFilterInput }) filter: ResponseMatrixFilterInput,
  ): Promise<ResponseMatrixObject> {
    const cut = timeTravel(filter, 'KNOWN');
    const states = this.reference.ccmStates;
    const subjects = withoutNulls(selectionOf(filter));
    return cut.asOf
      ? this.past.responseMatrixAt(cut.asOf, cut.clock, states, subjects)
      : this.live.responseMatrix(states, subjects);
  }
}
