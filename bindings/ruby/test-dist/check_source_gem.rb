# frozen_string_literal: true

# check_source_gem.rb GEM_HOME: the installed source gem carries no library; unless the system
# has one (`make install`), require fails with a LibraryLoadError naming the target and every path tried.
gem_home = ARGV.fetch(0)
spec = Gem::Specification.find_by_name("chatwoot_identity")
abort "source gem is #{spec.platform}" unless spec.platform.to_s == "ruby"
abort "the source gem carries a library" unless Dir.glob("**/*.{so,so.*,dylib,dll}", base: spec.full_gem_path).empty?
begin
  require "chatwoot_identity"
  abort "loaded #{ChatwootIdentity.library_path} outside the system path" if ChatwootIdentity.library_path.start_with?(gem_home)
  puts "source gem: loaded the system library #{ChatwootIdentity.library_path}"
rescue ChatwootIdentity::LibraryLoadError => e
  target = ChatwootIdentity::Target.detect
  ["for #{target}", "native/#{target}/libchatwoot_identity.so", "libchatwoot_identity.so.0 (the system library path)",
   "CHATWOOT_IDENTITY_LIB"].each do |part|
    abort "the load error does not say #{part.inspect}:\n#{e.message}" unless e.message.include?(part)
  end
  abort "an installed gem searched the checkout:\n#{e.message}" if e.message.include?("cargo build")
  puts "source gem: LoadError names the target and the paths tried:\n#{e.message.gsub(/^/, '  ')}"
end
