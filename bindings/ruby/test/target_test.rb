# frozen_string_literal: true

require_relative "test_helper"

# Target detection with its inputs faked: which prebuilt library (and platform gem) a machine gets.
class TargetTest < Minitest::Test
  TARGET = ChatwootIdentity::Target
  GLIBC_MAPS = "7f00-7f10 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
  MUSL_MAPS = "7f00-7f10 r-xp 00000000 08:01 42 /lib/ld-musl-aarch64.so.1\n"

  def test_machines_and_c_libraries
    {
      ["linux-gnu", "x86_64", GLIBC_MAPS] => "linux-x86_64-gnu",
      ["linux", "amd64", nil] => "linux-x86_64-gnu",
      ["linux-gnu", "aarch64", ""] => "linux-aarch64-gnu",
      ["linux", "arm64", GLIBC_MAPS] => "linux-aarch64-gnu",
      ["linux-musl", "x86_64", ""] => "linux-x86_64-musl",
      ["linux", "aarch64", MUSL_MAPS] => "linux-aarch64-musl",
      ["linux", "x86_64", "7f00 r-xp 0 08:01 42 /lib/libc.musl-x86_64.so.1\n"] => "linux-x86_64-musl",
      ["darwin23", "arm64", nil] => "darwin-aarch64"
    }.each do |(host_os, host_cpu, maps), expected|
      assert_equal expected, TARGET.detect(host_os: host_os, host_cpu: host_cpu, maps: maps), [host_os, host_cpu].inspect
    end
  end

  # musl's loader installed on a glibc system (Debian's musl package) is not a musl process.
  def test_a_musl_file_on_disk_is_not_enough
    assert_equal "linux-x86_64-gnu", TARGET.detect(host_os: "linux-gnu", host_cpu: "x86_64", maps: GLIBC_MAPS)
  end

  def test_this_machine
    assert_match(/\Alinux-(x86_64|aarch64)-(gnu|musl)\z/, TARGET.detect)
    assert_equal TARGET.detect, TARGET.detect(maps: File.read("/proc/self/maps"))
  end

  def test_platforms_follow_rubygems_naming
    assert_equal({ "linux-x86_64-gnu" => "x86_64-linux", "linux-aarch64-gnu" => "aarch64-linux",
                   "linux-x86_64-musl" => "x86_64-linux-musl", "linux-aarch64-musl" => "aarch64-linux-musl" },
                 TARGET::PLATFORMS)
    TARGET::PLATFORMS.each_value { |platform| assert_equal platform, Gem::Platform.new(platform).to_s }
    assert_nil TARGET.platform("darwin-aarch64")
  end
end
