# frozen_string_literal: true

module ChatwootIdentity
  # Marks rendered scripts as safe HTML for Rails views when ActiveSupport is loaded (checked
  # at each call: it may be loaded after this gem), so `<%= key.set_user_script(...) %>` is not
  # escaped a second time. The library already escaped every value for HTML.
  # @api private
  module Render
    module_function

    def html(script)
      defined?(ActiveSupport::SafeBuffer) ? ActiveSupport::SafeBuffer.new(script) : script
    end
  end
end
