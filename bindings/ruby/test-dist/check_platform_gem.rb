# frozen_string_literal: true

# check_platform_gem.rb GEM UNPACKED TARGET PLATFORM: the gem's platform, its one library (ELF
# machine, C library), and that the unpacked gem's loader, with the detection inputs faked for
# TARGET's machine, detects TARGET and looks first at that library.
require "open3"
require "rubygems/package"

gem_file, unpacked, target, platform = ARGV
fail_with = ->(message) { abort "#{File.basename(gem_file)}: #{message}" }

spec = Gem::Package.new(gem_file).spec
fail_with.("platform is #{spec.platform}, expected #{platform}") unless spec.platform.to_s == platform

libraries = Dir.glob("**/*.so*", base: unpacked)
expected = "lib/chatwoot_identity/native/#{target}/libchatwoot_identity.so"
fail_with.("libraries #{libraries.inspect}, expected only #{expected}") unless libraries == [expected]
library = File.join(unpacked, expected)

header, = Open3.capture2("readelf", "-h", library)
machine = header[/Machine:\s*(.+)$/, 1].to_s.strip
want_machine = target.include?("aarch64") ? "AArch64" : "Advanced Micro Devices X86-64"
fail_with.("ELF machine #{machine.inspect}, expected #{want_machine}") unless machine == want_machine

dynamic, = Open3.capture2("readelf", "-d", library)
needed = dynamic.scan(/\(NEEDED\)\s+Shared library: \[(.+?)\]/).flatten
want_libc = target.end_with?("-musl") ? "libc.so" : "libc.so.6"
fail_with.("needs #{needed.inspect}, expected #{want_libc}") unless needed.include?(want_libc)
fail_with.("a musl library must not need glibc") if target.end_with?("-musl") && needed.include?("libc.so.6")
soname = dynamic[/\(SONAME\)\s+Library soname: \[(.+?)\]/, 1]
fail_with.("SONAME #{soname.inspect}, expected libchatwoot_identity.so.0") unless soname == "libchatwoot_identity.so.0"

# Target detection with this target's inputs faked (as RbConfig and /proc/self/maps would show them).
$LOAD_PATH.unshift(File.join(unpacked, "lib"))
require "chatwoot_identity/target"
machine_name = target.split("-")[1]
fakes = if target.end_with?("-musl")
          [{ host_os: "linux-musl", host_cpu: machine_name, maps: "" },
           { host_os: "linux", host_cpu: machine_name, maps: "7f0000 r-xp 00000000 08:01 12 /lib/ld-musl-#{machine_name}.so.1\n" }]
        else
          [{ host_os: "linux-gnu", host_cpu: machine_name, maps: "7f0000 r-xp 00000000 08:01 12 /usr/lib/#{machine_name}-linux-gnu/libc.so.6\n" },
           { host_os: "linux", host_cpu: machine_name == "aarch64" ? "arm64" : "amd64", maps: nil }]
        end
fakes.each do |fake|
  detected = ChatwootIdentity::Target.detect(**fake)
  fail_with.("detect(#{fake}) gave #{detected}, expected #{target}") unless detected == target
end
# The loader itself (Fiddle is loaded, the library is not opened): its first place is this gem's library.
require "chatwoot_identity/library"
first = ChatwootIdentity::Library.candidates({}, target: target, gem_dir: File.join(unpacked, "lib", "chatwoot_identity")).first
fail_with.("the loader looks first at #{first.inspect}") unless File.expand_path(first[1]) == File.expand_path(library)
puts "#{File.basename(gem_file)}: platform #{platform}, #{machine}, needs #{needed.join(' ')}, detected as #{target} (#{File.size(gem_file)} bytes)"
