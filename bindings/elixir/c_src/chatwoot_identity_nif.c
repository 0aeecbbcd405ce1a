/*
 * chatwoot_identity_nif.c: the NIF behind ChatwootIdentity.Nif, a thin layer over the
 * library's cw_ functions (linked statically, see ../Makefile).
 *
 * Rules kept by every function here:
 * - Ordinary bad input never raises: errors are {error, Atom}, verify returns false.
 *   (The Elixir layer converts integers and charlists and encodes fields before calling in.)
 * - Work that could take more than about a millisecond moves to a dirty CPU scheduler
 *   (go_dirty), so the normal schedulers never stall.
 * - No secret is copied into a term, an error or a log; statuses map to fixed atoms made
 *   from the generated table (chatwoot_identity_tables.h).
 */
#include <string.h>

#include <erl_nif.h>

#include "chatwoot_identity.h"
#include "chatwoot_identity_tables.h"
#include "chatwoot_identity_nif_funcs.h"

/* Bytes of input hashed on a normal scheduler at most (SHA-NI hashes this in ~0.1 ms). */
#ifndef CW_NIF_DIRTY_BYTES
#define CW_NIF_DIRTY_BYTES (64 * 1024)
#endif
/* Identifiers hashed on a normal scheduler at most (about 0.2 ms at ~150 ns each). */
#ifndef CW_NIF_DIRTY_COUNT
#define CW_NIF_DIRTY_COUNT 1000
#endif
/* cw_explain's work per input byte, relative to one hash (it tries a few dozen). */
#define CW_NIF_EXPLAIN_COST 32
/* Identifiers per cw_key_identifier_hash_batch call: bounds the scratch buffers. */
#define CW_NIF_CHUNK 4096
/* First output buffer of the render calls; a larger output costs one retry. */
#define CW_NIF_RENDER_CAP 2048

typedef struct {
    cw_key *key;
} key_resource;

static ErlNifResourceType *key_type;

static ERL_NIF_TERM atom_ok, atom_error, atom_true, atom_false, atom_badarg, atom_not_binary;

#define STATUS_ATOM_SLOT(code, name) +1
static ERL_NIF_TERM status_atoms[0 CW_STATUS_TABLE(STATUS_ATOM_SLOT)];
static const struct {
    int32_t code;
    const char *name;
} status_names[] = {
#define STATUS_NAME(code, name) {code, name},
    CW_STATUS_TABLE(STATUS_NAME)
#undef STATUS_NAME
};
#define STATUS_COUNT (sizeof status_names / sizeof status_names[0])

#ifdef CW_NIF_TEST_HOOKS
/* Live cw_keys, so the tests can prove the destructor frees every key. Test builds only. */
static ErlNifUInt64 live_keys_count;
static ErlNifMutex *live_keys_lock;

static void live_keys_add(int delta)
{
    enif_mutex_lock(live_keys_lock);
    live_keys_count += (ErlNifUInt64)(ErlNifSInt64)delta;
    enif_mutex_unlock(live_keys_lock);
}
#else
#define live_keys_add(delta) ((void)0)
#endif

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

/* The atom for a status; a code this binding does not know is internal_error. */
static ERL_NIF_TERM status_atom(cw_status status)
{
    size_t i;
    for (i = 0; i < STATUS_COUNT; i++)
        if (status_names[i].code == (int32_t)status)
            return status_atoms[i];
    return status_atom(CW_STATUS_INTERNAL_ERROR);
}

static ERL_NIF_TERM error_tuple(ErlNifEnv *env, ERL_NIF_TERM reason)
{
    return enif_make_tuple2(env, atom_error, reason);
}

static ERL_NIF_TERM status_error(ErlNifEnv *env, cw_status status)
{
    return error_tuple(env, status_atom(status));
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

/*
 * Dirty scheduling for every NIF: when `cost` (bytes hashed, roughly) is more than a normal
 * scheduler should take on and this call is not already on a dirty scheduler, reschedules
 * `self` with the same arguments on a dirty CPU scheduler, puts the result in *result and
 * returns 1. Each NIF calls it after checking its arguments' types, before its work.
 */
static int go_dirty(ErlNifEnv *env, const char *name, size_t cost,
                    ERL_NIF_TERM (*self)(ErlNifEnv *, int, const ERL_NIF_TERM[]), int argc,
                    const ERL_NIF_TERM argv[], ERL_NIF_TERM *result)
{
    if (cost <= CW_NIF_DIRTY_BYTES || enif_thread_type() == ERL_NIF_THR_DIRTY_CPU_SCHEDULER)
        return 0;
    *result = enif_schedule_nif(env, name, ERL_NIF_DIRTY_JOB_CPU_BOUND, self, argc, argv);
    return 1;
}

#define GO_DIRTY(name, cost, self)                                                              \
    do {                                                                                        \
        ERL_NIF_TERM dirty_result_;                                                             \
        if (go_dirty(env, name, cost, self, argc, argv, &dirty_result_))                        \
            return dirty_result_;                                                               \
    } while (0)

/* identifier_hash(secret, identifier) -> {ok, Hash} | {error, Reason} */
static ERL_NIF_TERM identifier_hash_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier;
    char hash[CW_HASH_LEN];
    cw_status status;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("identifier_hash", secret.size + identifier.size, identifier_hash_nif);
    status = cw_identifier_hash(secret.data, secret.size, identifier.data, identifier.size, hash,
                                sizeof hash);
    return status == CW_STATUS_OK ? ok_hash(env, hash) : status_error(env, status);
}

/* verify(secret, identifier, hash) -> boolean(); the library compares in constant time. */
static ERL_NIF_TERM verify_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier, hash;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return atom_false;
    GO_DIRTY("verify", secret.size + identifier.size, verify_nif);
    return cw_verify(secret.data, secret.size, identifier.data, identifier.size,
                     (const char *)hash.data, hash.size)
               ? atom_true
               : atom_false;
}

/* key_new(secret) -> {ok, Resource} | {error, Reason} */
static ERL_NIF_TERM key_new_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret;
    cw_key *key = NULL;
    key_resource *res;
    ERL_NIF_TERM term;
    cw_status status;
    if (!enif_inspect_binary(env, argv[0], &secret))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("key_new", secret.size, key_new_nif);
    status = cw_key_new(secret.data, secret.size, &key);
    if (status != CW_STATUS_OK)
        return status_error(env, status);
    res = enif_alloc_resource(key_type, sizeof *res);
    if (res == NULL) {
        cw_key_free(key);
        return status_error(env, CW_STATUS_INTERNAL_ERROR);
    }
    res->key = key;
    live_keys_add(1);
    term = enif_make_resource(env, res);
    enif_release_resource(res); /* the term now owns it; the GC runs the destructor */
    return enif_make_tuple2(env, atom_ok, term);
}

/* key_identifier_hash(key, identifier) -> {ok, Hash} | {error, Reason} */
static ERL_NIF_TERM key_identifier_hash_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ErlNifBinary identifier;
    char hash[CW_HASH_LEN];
    cw_status status;
    if (!get_key(env, argv[0], &key) || !enif_inspect_binary(env, argv[1], &identifier))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("key_identifier_hash", identifier.size, key_identifier_hash_nif);
    status = cw_key_identifier_hash(key, identifier.data, identifier.size, hash, sizeof hash);
    return status == CW_STATUS_OK ? ok_hash(env, hash) : status_error(env, status);
}

/* key_verify(key, identifier, hash) -> boolean() */
static ERL_NIF_TERM key_verify_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ErlNifBinary identifier, hash;
    if (!get_key(env, argv[0], &key) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash))
        return atom_false;
    GO_DIRTY("key_verify", identifier.size, key_verify_nif);
    return cw_key_verify(key, identifier.data, identifier.size, (const char *)hash.data, hash.size)
               ? atom_true
               : atom_false;
}

/*
 * key_identifier_hashes(key, identifiers) ->
 *     {ok, Hashes} | {error, {Reason, Index}} | {error, badarg} | not_binary
 *
 * Pass 1 checks every element (a binary, not empty) so that the error names the index the
 * library's batch status cannot; not_binary asks the Elixir layer to convert integers and
 * charlists and call again. Pass 2 hashes chunk by chunk with cw_key_identifier_hash_batch.
 */
static ERL_NIF_TERM key_identifier_hashes_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const cw_key *key;
    ERL_NIF_TERM list, head, *hashes = NULL, result;
    ErlNifBinary bin;
    size_t count = 0, done = 0, bytes_cap = 0, cost = 0;
    size_t *offsets = NULL;
    uint8_t *bytes = NULL;
    char *out = NULL;

    if (!get_key(env, argv[0], &key))
        return error_tuple(env, atom_badarg);
    /* Look at no more than CW_NIF_DIRTY_COUNT cells here: even walking a long list would
     * hold a normal scheduler too long. */
    for (list = argv[1]; enif_get_list_cell(env, list, &head, &list);) {
        if (++count > CW_NIF_DIRTY_COUNT) {
            cost = (size_t)-1;
            break;
        }
        if (enif_inspect_binary(env, head, &bin))
            cost += bin.size;
    }
    GO_DIRTY("key_identifier_hashes", cost, key_identifier_hashes_nif);

    count = 0;
    for (list = argv[1]; enif_get_list_cell(env, list, &head, &list); count++) {
        if (!enif_inspect_binary(env, head, &bin))
            return atom_not_binary;
        if (bin.size == 0)
            return error_tuple(env, enif_make_tuple2(env, status_atom(CW_STATUS_EMPTY_IDENTIFIER),
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
        result = error_tuple(env, enif_make_tuple2(env, status_atom(CW_STATUS_INTERNAL_ERROR),
                                                   enif_make_uint64(env, 0)));
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
                result = error_tuple(env, enif_make_tuple2(env, status_atom(CW_STATUS_INTERNAL_ERROR),
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
        status = cw_key_identifier_hash_batch(key, bytes, len, offsets, n, out, n * CW_HASH_LEN);
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

/* Reads a proper list of binaries into a new cw_bytes array (none when out is NULL, or the
 * list is empty) and adds their sizes to *cost; 0 on anything else. The array points into
 * the terms, which live as long as the call. */
static int get_bytes_list(ErlNifEnv *env, ERL_NIF_TERM list, cw_bytes **out, size_t *count,
                          size_t *cost)
{
    unsigned len, i = 0;
    ERL_NIF_TERM head;
    ErlNifBinary bin;
    cw_bytes *array = NULL;
    if (!enif_get_list_length(env, list, &len))
        return 0;
    if (out != NULL && len > 0 && (array = enif_alloc(len * sizeof *array)) == NULL)
        return 0;
    for (; enif_get_list_cell(env, list, &head, &list); i++) {
        if (!enif_inspect_binary(env, head, &bin)) {
            enif_free(array);
            return 0;
        }
        if (array != NULL) {
            array[i].ptr = bin.data;
            array[i].len = bin.size;
        }
        *cost += bin.size;
    }
    if (out != NULL)
        *out = array;
    *count = len;
    return 1;
}

/*
 * explain(secret, identifier, hash, other_secrets, other_identifiers) ->
 *     {ok, {Verdict, CandidateKind, CandidateIndex}} | {error, Reason}
 * Verdict and kind are the library's integers (the Elixir layer maps them to atoms, so a
 * newer library's code cannot make new atoms).
 */
static ERL_NIF_TERM explain_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary secret, identifier, hash;
    cw_bytes *secrets = NULL, *identifiers = NULL;
    cw_candidates candidates;
    cw_explanation explanation;
    size_t cost = 0;
    cw_status status;
    if (!enif_inspect_binary(env, argv[0], &secret) || !enif_inspect_binary(env, argv[1], &identifier) ||
        !enif_inspect_binary(env, argv[2], &hash) ||
        !get_bytes_list(env, argv[3], NULL, &candidates.secrets_count, &cost) ||
        !get_bytes_list(env, argv[4], NULL, &candidates.identifiers_count, &cost))
        return error_tuple(env, atom_badarg);
    /* cw_explain hashes the inputs a few dozen ways, and each candidate. */
    GO_DIRTY("explain", (cost + secret.size + identifier.size + hash.size) * CW_NIF_EXPLAIN_COST,
             explain_nif);
    cost = 0;
    if (!get_bytes_list(env, argv[3], &secrets, &candidates.secrets_count, &cost) ||
        !get_bytes_list(env, argv[4], &identifiers, &candidates.identifiers_count, &cost)) {
        enif_free(secrets);
        return status_error(env, CW_STATUS_INTERNAL_ERROR);
    }
    candidates.secrets = secrets;
    candidates.identifiers = identifiers;
    status = cw_explain(secret.data, secret.size, identifier.data, identifier.size,
                        (const char *)hash.data, hash.size, &candidates, &explanation);
    enif_free(secrets);
    enif_free(identifiers);
    if (status != CW_STATUS_OK)
        return status_error(env, status);
    return enif_make_tuple2(env, atom_ok,
                            enif_make_tuple3(env, enif_make_int(env, explanation.verdict),
                                             enif_make_int(env, explanation.candidate_kind),
                                             enif_make_uint64(env, explanation.candidate_index)));
}

/*
 * Runs one render call with the library's size protocol: first into a CW_NIF_RENDER_CAP
 * buffer, and on CW_STATUS_BUFFER_TOO_SMALL once more with the size it asked for.
 * -> {ok, Text} | {error, Reason}
 */
typedef cw_status (*render_fn)(const void *args, char *out, size_t out_cap, size_t *out_len);

static ERL_NIF_TERM render(ErlNifEnv *env, render_fn fn, const void *args)
{
    ErlNifBinary out;
    size_t len = 0;
    cw_status status;
    ERL_NIF_TERM term;
    if (!enif_alloc_binary(CW_NIF_RENDER_CAP, &out))
        return status_error(env, CW_STATUS_INTERNAL_ERROR);
    status = fn(args, (char *)out.data, out.size, &len);
    if (status == CW_STATUS_BUFFER_TOO_SMALL) {
        if (!enif_realloc_binary(&out, len)) {
            enif_release_binary(&out);
            return status_error(env, CW_STATUS_INTERNAL_ERROR);
        }
        status = fn(args, (char *)out.data, out.size, &len);
    }
    /* len < out.size holds on OK: the library wrote len bytes and a NUL. */
    if (status != CW_STATUS_OK || len >= out.size) {
        enif_release_binary(&out);
        return status_error(env, status == CW_STATUS_OK ? CW_STATUS_INTERNAL_ERROR : status);
    }
    if (!enif_realloc_binary(&out, len)) { /* drop the NUL */
        enif_release_binary(&out);
        return status_error(env, CW_STATUS_INTERNAL_ERROR);
    }
    term = enif_make_binary(env, &out);
    return enif_make_tuple2(env, atom_ok, term);
}

typedef struct {
    const cw_key *key;
    ErlNifBinary identifier, fields, nonce;
} render_args;

static cw_status call_set_user_script(const void *p, char *out, size_t cap, size_t *len)
{
    const render_args *a = p;
    return cw_key_set_user_script(a->key, a->identifier.data, a->identifier.size, a->fields.data,
                                  a->fields.size, a->nonce.data, a->nonce.size, out, cap, len);
}

static cw_status call_set_user_payload(const void *p, char *out, size_t cap, size_t *len)
{
    const render_args *a = p;
    return cw_key_set_user_payload(a->key, a->identifier.data, a->identifier.size, a->fields.data,
                                   a->fields.size, out, cap, len);
}

static cw_status call_reset_script(const void *p, char *out, size_t cap, size_t *len)
{
    const render_args *a = p;
    return cw_reset_script(a->nonce.data, a->nonce.size, out, cap, len);
}

/* key_set_user_script(key, identifier, fields_json, nonce) -> {ok, Script} | {error, Reason}
 * (nonce <<>> for none) */
static ERL_NIF_TERM key_set_user_script_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    render_args a;
    if (!get_key(env, argv[0], &a.key) || !enif_inspect_binary(env, argv[1], &a.identifier) ||
        !enif_inspect_binary(env, argv[2], &a.fields) || !enif_inspect_binary(env, argv[3], &a.nonce))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("key_set_user_script", a.identifier.size + a.fields.size + a.nonce.size,
             key_set_user_script_nif);
    return render(env, call_set_user_script, &a);
}

/* key_set_user_payload(key, identifier, fields_json) -> {ok, Json} | {error, Reason} */
static ERL_NIF_TERM key_set_user_payload_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    render_args a;
    if (!get_key(env, argv[0], &a.key) || !enif_inspect_binary(env, argv[1], &a.identifier) ||
        !enif_inspect_binary(env, argv[2], &a.fields))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("key_set_user_payload", a.identifier.size + a.fields.size, key_set_user_payload_nif);
    return render(env, call_set_user_payload, &a);
}

/* reset_script(nonce) -> {ok, Script} | {error, Reason} (nonce <<>> for none) */
static ERL_NIF_TERM reset_script_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    render_args a;
    if (!enif_inspect_binary(env, argv[0], &a.nonce))
        return error_tuple(env, atom_badarg);
    GO_DIRTY("reset_script", a.nonce.size, reset_script_nif);
    return render(env, call_reset_script, &a);
}

static ERL_NIF_TERM make_static_binary(ErlNifEnv *env, const char *text)
{
    ERL_NIF_TERM term;
    size_t len = strlen(text);
    memcpy(enif_make_new_binary(env, len, &term), text, len);
    return term;
}

/* verdict_message(Code) / verdict_name(Code) / status_message(Code) -> binary(): the
 * library's static strings. */
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

static ERL_NIF_TERM status_message_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    int code;
    (void)argc;
    if (!enif_get_int(env, argv[0], &code))
        return error_tuple(env, atom_badarg);
    return make_static_binary(env, cw_status_message(code));
}

static ERL_NIF_TERM library_version_nif(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)argc;
    (void)argv;
    return make_static_binary(env, cw_version());
}

#ifdef CW_NIF_TEST_HOOKS
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
#endif

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    size_t i;
    (void)priv_data;
    (void)load_info;
    /* Refuse a library built for another ABI rather than call it with wrong signatures. */
    if (cw_abi_version() != CW_ABI_VERSION)
        return 1;
    key_type = enif_open_resource_type(env, NULL, "chatwoot_identity_key", key_destructor,
                                       ERL_NIF_RT_CREATE, NULL);
    if (key_type == NULL)
        return 1;
#ifdef CW_NIF_TEST_HOOKS
    live_keys_lock = enif_mutex_create("chatwoot_identity_live_keys");
    if (live_keys_lock == NULL)
        return 1;
#endif
    atom_ok = enif_make_atom(env, "ok");
    atom_error = enif_make_atom(env, "error");
    atom_true = enif_make_atom(env, "true");
    atom_false = enif_make_atom(env, "false");
    atom_badarg = enif_make_atom(env, "badarg");
    atom_not_binary = enif_make_atom(env, "not_binary");
    for (i = 0; i < STATUS_COUNT; i++)
        status_atoms[i] = enif_make_atom(env, status_names[i].name);
    return 0;
}

static ErlNifFunc nif_funcs[] = {CW_NIF_FUNCS};

ERL_NIF_INIT(Elixir.ChatwootIdentity.Nif, nif_funcs, load, NULL, NULL, NULL)
