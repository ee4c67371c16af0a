import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { PingResolver } from './ping.resolver';

@Module({
  imports: [GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true })],
  providers: [PingResolver],
})
class MercuriusBenchModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(MercuriusBenchModule, new FastifyAdapter(), {
    logger: ['error'],
  });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
}

void main();
