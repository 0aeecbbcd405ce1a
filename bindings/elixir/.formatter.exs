[
  inputs: [
    "{mix,.formatter,memcheck}.{ex,exs}",
    "{lib,test,bench}/**/*.{ex,exs}",
    "../../examples/elixir/*.exs"
  ]
]
