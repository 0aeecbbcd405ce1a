# frozen_string_literal: true

require "open3"
require "rbconfig"
require_relative "test_helper"

# The Rails and Sinatra integrations, each in a process of its own (the frameworks change global
# state such as ActiveSupport's String extensions): the Rails example app on Debian's Rails 6.1,
# and a small app on Debian's Sinatra 3.
class FrameworksTest < Minitest::Test
  # The gem has no framework dependency: a plain require loads none of them.
  def test_a_plain_require_loads_no_framework
    out, status = Open3.capture2e(RbConfig.ruby, "-I", File.expand_path("../lib", __dir__), "-e",
                                  'require "chatwoot_identity"; ' \
                                  'puts [defined?(::Rails).inspect, defined?(::Sinatra).inspect, ' \
                                  'defined?(ChatwootIdentity::Rails).inspect, $LOADED_FEATURES.grep(%r{/(rails|sinatra|action_\w+)/}).size].join(" ")')
    assert status.success?, out
    assert_equal "nil nil nil 0", out.strip
  end

  def test_rails_integration
    _out, status = Open3.capture2e(RbConfig.ruby, "-e", 'require "rails"; require "action_controller/railtie"')
    assert status.success?, "Rails 6.1 is required (Debian: ruby-railties; run scripts/ensure-toolchains)"
    out, status = Open3.capture2e(RbConfig.ruby, "-I", File.expand_path("../lib", __dir__),
                                  File.expand_path("frameworks/rails_flow.rb", __dir__))
    assert status.success?, out
    assert_match(/\d+ runs, \d+ assertions, 0 failures, 0 errors, 0 skips/, out)
  end

  def test_sinatra_helpers
    _out, status = Open3.capture2e(RbConfig.ruby, "-e", 'require "sinatra/base"')
    assert status.success?, "Sinatra is required (Debian: ruby-sinatra; run scripts/ensure-toolchains)"
    out, status = Open3.capture2e(RbConfig.ruby, "-I", File.expand_path("../lib", __dir__),
                                  File.expand_path("frameworks/sinatra_flow.rb", __dir__))
    assert status.success?, out
    assert_match(/\d+ runs, \d+ assertions, 0 failures, 0 errors, 0 skips/, out)
  end
end
