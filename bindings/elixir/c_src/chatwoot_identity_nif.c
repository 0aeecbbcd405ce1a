/*
 * chatwoot_identity_nif.c: the NIF behind ChatwootIdentity.Nif, a thin layer over the
 * library's cw_ functions (linked statically, see ../Makefile).
 *
 * Rules kept by every function here:
 * - Ordinary bad input never raises: hashing returns {error, badarg}, verify returns false.
 *   (The Elixir layer turns integers and charlists into binaries before calling in.)
 * - Work that could take more than about a millisecond (large inputs, long lists) moves to
 *   a dirty CPU scheduler with enif_schedule_nif, so the normal schedulers never stall.
 * - No secret is copied into a term, an error or a log; statuses map to fixed atoms.
 */
#include <string.h>

#include <erl_nif.h>

#include "chatwoot_identity.h"

/* Bytes of input hashed on a normal scheduler at most (SHA-NI hashes this in ~0.1 ms). */
#ifndef CW_NIF_DIRTY_BYTES
#define CW_NIF_DIRTY_BYTES (64 * 1024)
#endif
/* Identifiers hashed on a normal scheduler at most (about 0.2 ms at ~150 ns each). */
#ifndef CW_NIF_DIRTY_COUNT
#define CW_NIF_DIRTY_COUNT 1000
#endif
/* cw_explain's work per input byte, relative to one hash (it tries about a dozen). */
#define CW_NIF_EXPLAIN_COST 16
/* Identifiers per cw_key_identifier_hash_batch call: bounds the scratch buffers. */
#define CW_NIF_CHUNK 4096

typedef struct {
    cw_key *key;
} key_resource;

static ErlNifResourceType *key_type;
/* Live cw_keys, so the tests can prove the destructor frees every key. */
static ErlNifUInt64 live_keys_count;
static ErlNifMutex *live_keys_lock;

static ERL_NIF_TERM atom_ok, atom_error, atom_badarg, atom_not_binary;
static ERL_NIF_TERM atom_null_pointer, atom_empty_secret, atom_secret_whitespace,
    atom_empty_identifier, atom_buffer_too_small, atom_invalid_offsets, atom_internal_error;

static void live_keys_add(int delta)
{
    enif_mutex_lock(live_keys_lock);
    live_keys_count += (ErlNifUInt64)(ErlNifSInt64)delta;
    enif_mutex_unlock(live_keys_lock);
}

static void key_destructor(ErlNifEnv *env, void *obj)
{
    key_resource *res = obj;
    (void)env;
    if (res->key != NULL) {
        cw_key_free(res->key); /* wipes the midstates too */
        res->key = NULL;
        live_keys_add(-1);
    }
}

static ERL_NIF_TERM status_atom(cw_status status)
{
    switch (status) {
    case CW_STATUS_NULL_POINTER: return atom_null_pointer;
    case CW_STATUS_EMPTY_SECRET: return atom_empty_secret;
    case CW_STATUS_SECRET_WHITESPACE: return atom_secret_whitespace;
    case CW_STATUS_EMPTY_IDENTIFIER: return atom_empty_identifier;
    case CW_STATUS_BUFFER_TOO_SMALL: return atom_buffer_too_small;
    case CW_STATUS_INVALID_OFFSETS: return atom_invalid_offsets;
    default: return atom_internal_error;
    }
}

static ERL_NIF_TERM error_tuple(ErlNifEnv *env, ERL_NIF_TERM reason)
{
    return enif_make_tuple2(env, atom_error, reason);
}

static ERL_NIF_TERM ok_hash(ErlNifEnv *env, const char hash[CW_HASH_LEN])
{
    ERL_NIF_TERM term;
    unsigned char *bytes = enif_make_new_binary(env, CW_HASH_LEN, &term);
    memcpy(bytes, hash, CW_HASH_LEN);
    return enif_make_tuple2(env, atom_ok, term);
}

static int get_key(ErlNifEnv *env, ERL_NIF_TERM term, const cw_key **key)
{
    key_resource *res;
    if (!enif_get_resource(env, term, key_type, (void **)&res) || res->key == NULL)
        return 0;
    *key = res->key;
    return 1;
}

/* Runs fun here, or on a dirty CPU scheduler when its inputs are larger than a normal
 * scheduler should hash in one go. */
static ERL_NIF_TERM run_sized(ErlNifEnv *env, const char *name, size_t bytes,
                              ERL_NIF_TERM (*fun)(ErlNifEnv *, int, const ERL_NIF_TERM[]),
                              int argc, const ERL_NIF_TERM argv[])
{
    if (bytes > CW_NIF_DIRTY_BYTES)
        return enif_schedule_nif(env, name, ERL_NIF_DIRTY_JOB_CPU_BOUND, fun, argc, argv);
    return fun(env, argc, argv);
}

/* identifier_hash(secret, identifier) -> {ok, Hash} | {error, Reason} */
static ERL_NIF_TERM identifier_hash_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier;
    char hash[CW_HASH_LEN];
    cw_status status;
    (void)argc;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    status = cw_identifier_hash(secret.data, secret.size, identifier.data, identifier.size, hash,
                                sizeof hash);
    return status == CW_STATUS_OK ? ok_hash(env, hash) : error_tuple(env, status_atom(status));
}

static ERL_NIF_TERM identifier_hash_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    return run_sized(env, "identifier_hash", secret.size + identifier.size, identifier_hash_run,
                     argc, argv);
}

/* verify(secret, identifier, hash) -> boolean(); the library compares in constant time. */
static ERL_NIF_TERM verify_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier, hash;
    (void)argc;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return enif_make_atom(env, "false");
    return enif_make_atom(env, cw_verify(secret.data, secret.size, identifier.data, identifier.size,
                                         (const char *)hash.data, hash.size)
                                   ? "true"
                                   : "false");
}

static ERL_NIF_TERM verify_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier))
        return enif_make_atom(env, "false");
    return run_sized(env, "verify", secret.size + identifier.size, verify_run, argc, argv);
}

/* key_new(secret) -> {ok, Resource} | {error, Reason} */
static ERL_NIF_TERM key_new_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret;
    cw_key *key = NULL;
    key_resource *res;
    ERL_NIF_TERM term;
    cw_status status;
    (void)argc;
    if (!enif_inspect_binary(env, argv[0], &secret))
        return error_tuple(env, atom_badarg);
    status = cw_key_new(secret.data, secret.size, &key);
    if (status != CW_STATUS_OK)
        return error_tuple(env, status_atom(status));
    res = enif_alloc_resource(key_type, sizeof *res);
    if (res == NULL) {
        cw_key_free(key);
        return error_tuple(env, atom_internal_error);
    }
    res->key = key;
    live_keys_add(1);
    term = enif_make_resource(env, res);
    enif_release_resource(res); /* the term now owns it; the GC runs the destructor */
    return enif_make_tuple2(env, atom_ok, term);
}

static ERL_NIF_TERM key_new_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret;
    if (!enif_inspect_binary(env, argv[0], &secret))
        return error_tuple(env, atom_badarg);
    return run_sized(env, "key_new", secret.size, key_new_run, argc, argv);
}

/* key_identifier_hash(key, identifier) -> {ok, Hash} | {error, Reason} */
static ERL_NIF_TERM key_identifier_hash_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ErlNifBinary identifier;
    char hash[CW_HASH_LEN];
    cw_status status;
    (void)argc;
    if (!get_key(env, argv[0], &key) || !enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    status = cw_key_identifier_hash(key, identifier.data, identifier.size, hash, sizeof hash);
    return status == CW_STATUS_OK ? ok_hash(env, hash) : error_tuple(env, status_atom(status));
}

static ERL_NIF_TERM key_identifier_hash_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary identifier;
    if (!enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    return run_sized(env, "key_identifier_hash", identifier.size, key_identifier_hash_run, argc,
                     argv);
}

/* key_verify(key, identifier, hash) -> boolean() */
static ERL_NIF_TERM key_verify_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ErlNifBinary identifier, hash;
    (void)argc;
    if (!get_key(env, argv[0], &key) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return enif_make_atom(env, "false");
    return enif_make_atom(env, cw_key_verify(key, identifier.data, identifier.size,
                                             (const char *)hash.data, hash.size)
                                   ? "true"
                                   : "false");
}

static ERL_NIF_TERM key_verify_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary identifier;
    if (!enif_inspect_binary(env, argv[1], &identifier))
        return enif_make_atom(env, "false");
    return run_sized(env, "key_verify", identifier.size, key_verify_run, argc, argv);
}

/*
 * key_identifier_hashes(key, identifiers) ->
 *     {ok, Hashes} | {error, {Reason, Index}} | {error, badarg} | not_binary
 *
 * Pass 1 checks every element (a binary, not empty) so that the error names the index the
 * library's batch status cannot; not_binary asks the Elixir layer to convert integers and
 * charlists and call again. Pass 2 hashes chunk by chunk with cw_key_identifier_hash_batch.
 */
static ERL_NIF_TERM key_identifier_hashes_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ERL_NIF_TERM list, head, *hashes = NULL, result;
    ErlNifBinary bin;
    size_t count = 0, done = 0, bytes_cap = 0;
    size_t *offsets = NULL;
    uint8_t *bytes = NULL;
    char *out = NULL;
    (void)argc;

    if (!get_key(env, argv[0], &key))
        return error_tuple(env, atom_badarg);
    for (list = argv[1]; enif_get_list_cell(env, list, &head, &list); count++) {
        if (!enif_inspect_binary(env, head, &bin))
            return atom_not_binary;
        if (bin.size == 0)
            return error_tuple(env, enif_make_tuple2(env, atom_empty_identifier,
                                                     enif_make_uint64(env, count)));
    }
    if (!enif_is_empty_list(env, list))
        return error_tuple(env, atom_badarg); /* an improper list */
    if (count == 0)
        return enif_make_tuple2(env, atom_ok, enif_make_list(env, 0));

    hashes = enif_alloc(count * sizeof *hashes);
    offsets = enif_alloc((CW_NIF_CHUNK + 1) * sizeof *offsets);
    out = enif_alloc((size_t)CW_NIF_CHUNK * CW_HASH_LEN);
    if (hashes == NULL || offsets == NULL || out == NULL) {
        result = error_tuple(env, enif_make_tuple2(env, atom_internal_error, enif_make_uint64(env, 0)));
        goto done;
    }

    list = argv[1];
    while (done < count) {
        size_t n = 0, len = 0, i;
        ERL_NIF_TERM rest = list;
        cw_status status;
        /* Size this chunk first, then copy its identifiers back to back. */
        for (; n < CW_NIF_CHUNK && enif_get_list_cell(env, rest, &head, &rest); n++) {
            enif_inspect_binary(env, head, &bin);
            len += bin.size;
        }
        if (len > bytes_cap) {
            uint8_t *grown = enif_realloc(bytes, len);
            if (grown == NULL) {
                result = error_tuple(env, enif_make_tuple2(env, atom_internal_error,
                                                           enif_make_uint64(env, done)));
                goto done;
            }
            bytes = grown;
            bytes_cap = len;
        }
        offsets[0] = 0;
        for (i = 0; i < n; i++) {
            enif_get_list_cell(env, list, &head, &list);
            enif_inspect_binary(env, head, &bin);
            memcpy(bytes + offsets[i], bin.data, bin.size);
            offsets[i + 1] = offsets[i] + bin.size;
        }
        status = cw_key_identifier_hash_batch(key, bytes, len, offsets, n, out,
                                              n * CW_HASH_LEN);
        if (status != CW_STATUS_OK) {
            result = error_tuple(env, enif_make_tuple2(env, status_atom(status),
                                                       enif_make_uint64(env, done)));
            goto done;
        }
        for (i = 0; i < n; i++) {
            /* 64 bytes: a heap binary, so no hash keeps a shared buffer alive. */
            unsigned char *hex = enif_make_new_binary(env, CW_HASH_LEN, &hashes[done + i]);
            memcpy(hex, out + i * CW_HASH_LEN, CW_HASH_LEN);
        }
        done += n;
    }
    result = enif_make_tuple2(env, atom_ok, enif_make_list_from_array(env, hashes, (unsigned)count));

done:
    enif_free(hashes);
    enif_free(offsets);
    enif_free(out);
    enif_free(bytes);
    return result;
}

static ERL_NIF_TERM key_identifier_hashes_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ERL_NIF_TERM list = argv[1], head;
    ErlNifBinary bin;
    size_t count = 0, bytes = 0;
    /* Look at no more than CW_NIF_DIRTY_COUNT cells here: even counting a long list would
     * hold this scheduler too long. */
    while (enif_get_list_cell(env, list, &head, &list)) {
        if (++count > CW_NIF_DIRTY_COUNT)
            break;
        if (enif_inspect_binary(env, head, &bin))
            bytes += bin.size;
    }
    if (count > CW_NIF_DIRTY_COUNT || bytes > CW_NIF_DIRTY_BYTES)
        return enif_schedule_nif(env, "key_identifier_hashes", ERL_NIF_DIRTY_JOB_CPU_BOUND,
                                 key_identifier_hashes_run, argc, argv);
    return key_identifier_hashes_run(env, argc, argv);
}

static ERL_NIF_TERM make_static_binary(ErlNifEnv *env, const char *text);

/* explain(secret, identifier, hash) -> Code | {error, badarg}: the cw_verdict as an integer
 * (the Elixir layer maps it to an atom, so a newer library's code cannot make new atoms). */
static ERL_NIF_TERM explain_run(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier, hash;
    (void)argc;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return error_tuple(env, atom_badarg);
    return enif_make_int(env, (int)cw_explain(secret.data, secret.size, identifier.data,
                                              identifier.size, (const char *)hash.data, hash.size));
}

static ERL_NIF_TERM explain_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier, hash;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return error_tuple(env, atom_badarg);
    /* cw_explain hashes the identifier about a dozen ways (variants, swapped, ...). */
    return run_sized(env, "explain", (secret.size + identifier.size + hash.size) * CW_NIF_EXPLAIN_COST,
                     explain_run, argc, argv);
}

/* verdict_message(Code) / verdict_name(Code) -> binary(): the library's static strings. */
static ERL_NIF_TERM verdict_message_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    int code;
    (void)argc;
    if (!enif_get_int(env, argv[0], &code))
        return error_tuple(env, atom_badarg);
    return make_static_binary(env, cw_verdict_message(code));
}

static ERL_NIF_TERM verdict_name_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    int code;
    (void)argc;
    if (!enif_get_int(env, argv[0], &code))
        return error_tuple(env, atom_badarg);
    return make_static_binary(env, cw_verdict_name(code));
}

/* status_message(Code) -> binary(): the library's fixed English sentence for a status. */
static ERL_NIF_TERM status_message_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    int code;
    (void)argc;
    if (!enif_get_int(env, argv[0], &code))
        return error_tuple(env, atom_badarg);
    return make_static_binary(env, cw_status_message(code));
}

static ERL_NIF_TERM make_static_binary(ErlNifEnv *env, const char *text)
{
    ERL_NIF_TERM term;
    size_t len = strlen(text);
    memcpy(enif_make_new_binary(env, len, &term), text, len);
    return term;
}

static ERL_NIF_TERM library_version_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)argc;
    (void)argv;
    return make_static_binary(env, cw_version());
}

static ERL_NIF_TERM live_keys_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifUInt64 n;
    (void)argc;
    (void)argv;
    enif_mutex_lock(live_keys_lock);
    n = live_keys_count;
    enif_mutex_unlock(live_keys_lock);
    return enif_make_uint64(env, n);
}

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    (void)priv_data;
    (void)load_info;
    /* Refuse a library built for another ABI rather than call it with wrong signatures. */
    if (cw_abi_version() != CW_ABI_VERSION)
        return 1;
    key_type = enif_open_resource_type(env, NULL, "chatwoot_identity_key", key_destructor,
                                       ERL_NIF_RT_CREATE, NULL);
    live_keys_lock = enif_mutex_create("chatwoot_identity_live_keys");
    if (key_type == NULL || live_keys_lock == NULL)
        return 1;
    atom_ok = enif_make_atom(env, "ok");
    atom_error = enif_make_atom(env, "error");
    atom_badarg = enif_make_atom(env, "badarg");
    atom_not_binary = enif_make_atom(env, "not_binary");
    atom_null_pointer = enif_make_atom(env, "null_pointer");
    atom_empty_secret = enif_make_atom(env, "empty_secret");
    atom_secret_whitespace = enif_make_atom(env, "secret_whitespace");
    atom_empty_identifier = enif_make_atom(env, "empty_identifier");
    atom_buffer_too_small = enif_make_atom(env, "buffer_too_small");
    atom_invalid_offsets = enif_make_atom(env, "invalid_offsets");
    atom_internal_error = enif_make_atom(env, "internal_error");
    return 0;
}

static ErlNifFunc nif_funcs[] = {
    {"identifier_hash", 2, identifier_hash_nif, 0},
    {"verify", 3, verify_nif, 0},
    {"key_new", 1, key_new_nif, 0},
    {"key_identifier_hash", 2, key_identifier_hash_nif, 0},
    {"key_verify", 3, key_verify_nif, 0},
    {"key_identifier_hashes", 2, key_identifier_hashes_nif, 0},
    {"explain", 3, explain_nif, 0},
    {"verdict_message", 1, verdict_message_nif, 0},
    {"verdict_name", 1, verdict_name_nif, 0},
    {"status_message", 1, status_message_nif, 0},
    {"library_version", 0, library_version_nif, 0},
    {"live_keys", 0, live_keys_nif, 0},
};

ERL_NIF_INIT(Elixir.ChatwootIdentity.Nif, nif_funcs, load, NULL, NULL, NULL)
