import { Module } from '@nestjs/common';
import { LiveFeeds } from './live-feeds.service';
import { SubscriptionsResolver } from './subscriptions.resolver';

@Module({ providers: [LiveFeeds, SubscriptionsResolver], exports: [LiveFeeds] })
export class SubscriptionsModule {}
