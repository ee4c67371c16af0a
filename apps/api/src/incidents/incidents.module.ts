import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { AllegeUseHandler } from './commands/allege-use.handler';
import { AddCorroborationHandler, RetractCorroborationHandler } from './commands/corroboration.handlers';
import {
  CorrectIncidentHandler,
  MergeIncidentsHandler,
  WithdrawIncidentHandler,
} from './commands/incident-lifecycle.handlers';
import { IncidentCommandsResolver } from './incident-commands.resolver';
import { IncidentAnswers } from './incident-answer';
import { IncidentsResolver } from './incidents.resolver';

@Module({
  imports: [SharedModule],
  providers: [
    IncidentAnswers,
    IncidentsResolver,
    IncidentCommandsResolver,
    AllegeUseHandler,
    CorrectIncidentHandler,
    MergeIncidentsHandler,
    WithdrawIncidentHandler,
    AddCorroborationHandler,
    RetractCorroborationHandler,
  ],
})
export class IncidentsModule {}
