import { Args, Query, Resolver } from '@nestjs/graphql';
import { isoDateOf, responseMatrix, speakOutReport } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
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
    private readonly readModel: ReadModelService,
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
    // From the projection file when it is serving (now: when it shows what the model shows), else the model.
    const fromFile = cut.asOf
      ? await this.past.speakOutReportAt(cut.asOf, cut.clock, states, selection)
      : this.live.speakOutReport(states, selection);
    if (fromFile !== null) return fromFile;
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return speakOutReport(model, states, selection, cut.asOf ? isoDateOf(cut.asOf) : undefined);
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
    const fromFile = cut.asOf
      ? await this.past.responseMatrixAt(cut.asOf, cut.clock, states, subjects)
      : this.live.responseMatrix(states, subjects);
    if (fromFile !== null) return fromFile;
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return responseMatrix(model, states, subjects, cut.asOf ? isoDateOf(cut.asOf) : undefined);
  }
}
