// Merges resolver maps type by type, refusing a field defined twice (object spread would let
// the later one silently win).
import type { GraphQLResolverMap } from './resolver-map';

export function mergeResolvers<TContext>(...maps: GraphQLResolverMap<TContext>[]): GraphQLResolverMap<TContext> {
  const out: Record<string, Record<string, unknown>> = {};
  const scalars: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      if (typeof fields !== 'object' || fields === null || !isPlainObject(fields)) {
        if (typeName in scalars && scalars[typeName] !== fields) throw new Error(`resolver ${typeName} is defined twice`);
        scalars[typeName] = fields;
        continue;
      }
      const target = (out[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${typeName}.${field} is defined twice`);
        target[field] = resolver;
      }
    }
  }
  return { ...out, ...scalars } as GraphQLResolverMap<TContext>;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
