# frozen_string_literal: true

# The signed-in user, kept in the cookie session (an app's ActiveRecord model works the same:
# the gem's default mapping reads id, name and email).
User = Struct.new(:id, :name, :email, keyword_init: true)
