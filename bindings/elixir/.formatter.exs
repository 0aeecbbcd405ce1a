[
  inputs: [
    "{mix,.formatter}.exs",
    "{lib,test,bench}/**/*.{ex,exs}",
    "../../examples/elixir/*.exs"
  ]
]
