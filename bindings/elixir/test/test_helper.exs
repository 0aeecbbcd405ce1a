# The tests compare against Erlang's own HMAC (:crypto), independent of the library.
{:ok, _} = Application.ensure_all_started(:crypto)
ExUnit.start()
