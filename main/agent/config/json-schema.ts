// The JSON Schema of the config file, for IT's editors (VS Code validates and completes with it).
import { z } from 'zod';
import { ConfigSchema } from './schema';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://till-agent.invalid/config.schema.json',
    title: 'Till Agent configuration',
    description: 'One file for a till: see config-and-cli.md. Unknown keys are errors.',
  };
}
