/**
 * The alias switch of the knowledge base ingestion (busybox sh + curl of the pinned curl image),
 * run after the user's embedding container has filled `$KB_COLLECTION`:
 *
 * 1. fails (the alias stays where it was) unless the new collection exists and holds at least
 *    `$KB_MIN_POINTS` points;
 * 2. reads which collection the alias points to now (the previous version);
 * 3. moves the alias in one request — `POST /collections/aliases` with `delete_alias` (when the
 *    alias exists) and `create_alias`, which Qdrant applies atomically: a query sees the old or the
 *    new version, never none;
 * 4. deletes the other versions of this alias (collections named `<alias>--…`), keeping the new one
 *    and the previous one for rollback. Collections of other names are never touched.
 *
 * Qdrant's JSON is read with grep and cut (the image has no jq); the script has no `${` and writes
 * no `%{` (Terraform template syntax in a string).
 *
 * @see https://qdrant.tech/documentation/concepts/collections/#collection-aliases
 */
import { KB_ENV, KB_VERSION_SEPARATOR } from './constants';

/** The script. */
export function aliasSwitchScript(): string {
  const e = KB_ENV;
  const api = `curl -fsS --connect-timeout 5 --max-time 120 -H "api-key: $${e.qdrantApiKey}"`;
  return [
    'set -eu',
    `api() { ${api} "$@"; }`,
    `info=$(api "$${e.qdrantUrl}/collections/$${e.collection}") || { echo "collection $${e.collection} does not exist: the embedding step wrote nothing"; exit 1; }`,
    'points=$(printf \'%s\' "$info" | grep -o \'"points_count":[0-9]*\' | head -n 1 | cut -d: -f2)',
    '[ -n "$points" ] || points=0',
    `[ "$points" -ge "$${e.minPoints}" ] || { echo "collection $${e.collection} holds $points points, fewer than $${e.minPoints}: the alias stays"; exit 1; }`,
    `previous=$(api "$${e.qdrantUrl}/aliases" | grep -o "{\\"alias_name\\":\\"$${e.alias}\\",\\"collection_name\\":\\"[^\\"]*\\"}" | cut -d'"' -f8)`,
    `actions="{\\"create_alias\\":{\\"collection_name\\":\\"$${e.collection}\\",\\"alias_name\\":\\"$${e.alias}\\"}}"`,
    `[ -z "$previous" ] || actions="{\\"delete_alias\\":{\\"alias_name\\":\\"$${e.alias}\\"}},$actions"`,
    `api -X POST -H 'Content-Type: application/json' --data-binary "{\\"actions\\":[$actions]}" "$${e.qdrantUrl}/collections/aliases?timeout=60" > /dev/null`,
    `echo "alias $${e.alias} -> $${e.collection} (previous: $previous)"`,
    `for c in $(api "$${e.qdrantUrl}/collections" | grep -o '"name":"[^"]*"' | cut -d'"' -f4); do`,
    '  case "$c" in',
    `    "$${e.alias}${KB_VERSION_SEPARATOR}"*)`,
    `      if [ "$c" != "$${e.collection}" ] && [ "$c" != "$previous" ]; then api -X DELETE "$${e.qdrantUrl}/collections/$c" > /dev/null; echo "deleted old version $c"; fi ;;`,
    '  esac',
    'done',
  ].join('\n');
}
