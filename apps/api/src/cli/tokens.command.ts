import { Inject } from '@nestjs/common';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { ROLES } from '../auth/roles';
import { CliConfig, CliError, note, print } from './cli-support';
import { runTokensCli } from './tokens';

const io = { out: print, err: note };

abstract class TokenSubCommand extends CommandRunner {
  // @Inject: the subclasses declare no constructor, so no parameter types are emitted for them.
  constructor(@Inject(CliConfig) private readonly config: CliConfig) {
    super();
  }

  protected tokens(args: string[]): void {
    const code = runTokensCli(args, this.config.get(), io);
    if (code !== 0) throw new CliError('', code);
  }
}

@SubCommand({
  name: 'create',
  arguments: '<holder> <role>',
  description: `issue a token (${ROLES.join(', ')}); its secret is printed once`,
})
export class TokensCreateCommand extends TokenSubCommand {
  async run([holder, role]: string[]): Promise<void> {
    this.tokens(['issue', holder, role]);
  }
}

@SubCommand({ name: 'list', description: 'list tokens: id, role, active or revoked, holder (never a secret)' })
export class TokensListCommand extends TokenSubCommand {
  async run(): Promise<void> {
    this.tokens(['list']);
  }
}

@SubCommand({ name: 'revoke', arguments: '<id>', description: 'revoke a token: it fails from its next request on' })
export class TokensRevokeCommand extends TokenSubCommand {
  async run([id]: string[]): Promise<void> {
    this.tokens(['revoke', id]);
  }
}

@Command({
  name: 'tokens',
  description: 'manage API tokens in tokens.db (TOKENS_PATH)',
  subCommands: [TokensCreateCommand, TokensListCommand, TokensRevokeCommand],
})
export class TokensCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
