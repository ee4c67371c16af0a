import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { AuthGuard } from './auth.guard';
import { ensureAdminAccess } from './first-admin';
import { EventStore } from '@app/event-store';
import { TokenStore } from './token-store';
import { TokensResolver } from './tokens.resolver';

/** API tokens, the global access guard and the admin operations on tokens. */
@Global()
@Module({
  providers: [
    {
      // After the event store: a data directory that cannot be used is then reported once, by the store.
      provide: TokenStore,
      inject: [APP_CONFIG, EventStore],
      useFactory: (config: AppConfig) => TokenStore.open(config.tokensPath),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
    TokensResolver,
  ],
  exports: [TokenStore],
})
export class AuthModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Auth');
  constructor(
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    ensureAdminAccess(this.tokens, this.config, this.logger);
    if (this.config.publicRead) this.logger.log('PUBLIC_READ=true: queries and subscriptions are open without a token');
  }

  onApplicationShutdown(): void {
    this.tokens.close();
  }
}
