import { Args, GraphQLISODateTime, Query, Resolver } from '@nestjs/graphql';
import { type Clock, isoDateOf, responseMatrix, speakOutReport } from '@app/projections';
import { ClockEnum } from '../graphql/enums';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { withoutNulls } from '../incidents/without-nulls';
import { ResponseMatrixFilterInput, SpeakOutFilterInput } from './dto/speak-out-filter.input';
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
      'For the matched incidents: confirmed ones; States Parties that condemned, expressed concern or stayed silent; lags',
  })
  async speakOutReport(
    @Args('filter', { type: () => SpeakOutFilterInput, nullable: true }) filter?: SpeakOutFilterInput,
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'Report date (default: the latest evidence date)',
    })
    asOf?: Date,
    @Args('clock', {
      type: () => ClockEnum,
      nullable: true,
      description: 'KNOWN (default): evidence dated on or before asOf; RECORDED: what the registry held at asOf',
    })
    clock?: Clock,
  ): Promise<SpeakOutReportObject> {
    const cut = timeTravel(asOf, clock, 'KNOWN');
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return speakOutReport(
      model,
      this.reference.ccmStates,
      withoutNulls({ ...filter }),
      cut.asOf ? isoDateOf(cut.asOf) : undefined,
    );
  }

  @Query(() => ResponseMatrixObject, {
    description:
      'Every State Party against each situation or incident: its strongest response, scope, date and lag (flat rows)',
  })
  async responseMatrix(
    @Args('filter', { type: () => ResponseMatrixFilterInput }) filter: ResponseMatrixFilterInput,
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'Report date (default: the latest evidence date)',
    })
    asOf?: Date,
    @Args('clock', { type: () => ClockEnum, nullable: true, description: 'KNOWN (default) or RECORDED' }) clock?: Clock,
  ): Promise<ResponseMatrixObject> {
    const cut = timeTravel(asOf, clock, 'KNOWN');
    const model = await this.readModel.reportModelAt(cut.asOf, cut.clock);
    return responseMatrix(
      model,
      this.reference.ccmStates,
      withoutNulls({ ...filter }),
      cut.asOf ? isoDateOf(cut.asOf) : undefined,
    );
  }
}
