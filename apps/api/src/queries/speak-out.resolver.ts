import { Args, Query, Resolver } from '@nestjs/graphql';
import { isoDateOf, responseMatrix, speakOutReport } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
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
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return speakOutReport(
      model,
      this.reference.ccmStates,
      withoutNulls(selectionOf(filter)),
      cut.asOf ? isoDateOf(cut.asOf) : undefined,
    );
  }

  @Query(() => ResponseMatrixObject, {
    description:
      'Every State Party against each situation or incident: its strongest response, scope, date and lag (flat rows)',
  })
  async responseMatrix(
    @Args('filter', { type: () => ResponseMatrixFilterInput }) filter: ResponseMatrixFilterInput,
  ): Promise<ResponseMatrixObject> {
    const cut = timeTravel(filter, 'KNOWN');
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return responseMatrix(
      model,
      this.reference.ccmStates,
      withoutNulls(selectionOf(filter)),
      cut.asOf ? isoDateOf(cut.asOf) : undefined,
    );
  }
}
