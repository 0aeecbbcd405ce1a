defmodule ChatwootIdentity.Nif do
  # The C functions of c_src/chatwoot_identity_nif.c. Call them through ChatwootIdentity and
  # ChatwootIdentity.Key, which convert integers and charlists first.
  @moduledoc false
  @on_load :load

  # The test build carries test-only hooks (see the Makefile).
  @nif_name if Mix.env() == :test,
              do: ~c"chatwoot_identity_nif_test",
              else: ~c"chatwoot_identity_nif"

  def load do
    path = :filename.join(:code.priv_dir(:chatwoot_identity), @nif_name)

    case :erlang.load_nif(path, 0) do
      :ok ->
        :ok

      {:error, {reason, text}} ->
        IO.warn("chatwoot_identity: cannot load #{path}.so (#{reason}): #{text}", [])
        {:error, reason}
    end
  end

  def identifier_hash(_secret, _identifier), do: :erlang.nif_error(:nif_not_loaded)
  def verify(_secret, _identifier, _hash), do: :erlang.nif_error(:nif_not_loaded)
  def key_new(_secret), do: :erlang.nif_error(:nif_not_loaded)
  def key_identifier_hash(_key, _identifier), do: :erlang.nif_error(:nif_not_loaded)
  def key_verify(_key, _identifier, _hash), do: :erlang.nif_error(:nif_not_loaded)
  def key_identifier_hashes(_key, _identifiers), do: :erlang.nif_error(:nif_not_loaded)

  def explain(_secret, _identifier, _hash, _other_secrets, _other_identifiers),
    do: :erlang.nif_error(:nif_not_loaded)

  def key_set_user_script(_key, _identifier, _fields_json, _nonce),
    do: :erlang.nif_error(:nif_not_loaded)

  def key_set_user_payload(_key, _identifier, _fields_json),
    do: :erlang.nif_error(:nif_not_loaded)

  def reset_script(_nonce), do: :erlang.nif_error(:nif_not_loaded)
  def verdict_message(_code), do: :erlang.nif_error(:nif_not_loaded)
  def verdict_name(_code), do: :erlang.nif_error(:nif_not_loaded)
  def status_message(_code), do: :erlang.nif_error(:nif_not_loaded)
  def library_version, do: :erlang.nif_error(:nif_not_loaded)

  if Mix.env() == :test do
    # How many cw_keys are alive (test builds of the NIF only): lets the tests prove the
    # resource destructor frees them.
    def live_keys, do: :erlang.nif_error(:nif_not_loaded)
  end
end
