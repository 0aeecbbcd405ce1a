// The stand-in widget loader, served at /packs/js/sdk.js. It keeps the parts of Chatwoot's
// SDK that identity depends on (window.chatwootSDK.run, window.$chatwoot.setUser / reset,
// hasLoaded and the chatwoot:ready event) and sends setUser's PATCH itself, with the body
// Chatwoot's widget sends: the identifier plus the user fields, the contact's details under
// additional_attributes.
(function () {
  "use strict";
  var REQUIRED_USER_KEYS = ["avatar_url", "email", "name"];

  function cookieName(token) {
    return "cw_user_" + token;
  }

  window.chatwootSDK = {
    run: function (config) {
      var baseUrl = config.baseUrl;
      var token = config.websiteToken;
      // Like the real widget, a contact set on an earlier page is remembered until reset().
      var remembered = document.cookie.split("; ").filter(function (c) {
        return c.indexOf(cookieName(token) + "=") === 0;
      }).map(function (c) { return decodeURIComponent(c.slice(cookieName(token).length + 1)); })[0];
      window.$chatwoot = {
        rememberedIdentifier: remembered,
        hasLoaded: false,
        baseUrl: baseUrl,
        websiteToken: token,
        identifier: remembered,
        user: undefined,
        resetCount: 0,
        requests: [],
        setUser: function (identifier, user) {
          if (typeof identifier !== "string" && typeof identifier !== "number") {
            throw new Error("Identifier should be a string or a number");
          }
          var hasKey = REQUIRED_USER_KEYS.some(function (key) { return user && !!user[key]; });
          if (!hasKey) {
            throw new Error("User object should have one of the keys [avatar_url, email, name]");
          }
          this.identifier = identifier;
          this.user = user;
          document.cookie = cookieName(token) + "=" + encodeURIComponent(String(identifier)) + "; path=/; SameSite=Lax";
          var body = {
            identifier: identifier,
            name: user.name,
            email: user.email,
            avatar_url: user.avatar_url,
            identifier_hash: user.identifier_hash,
            phone_number: user.phone_number,
            additional_attributes: {
              description: user.description,
              company_name: user.company_name,
              city: user.city,
              country_code: user.country_code
            },
            custom_attributes: user.custom_attributes
          };
          var url = baseUrl + "/api/v1/widget/contact/set_user?website_token=" + encodeURIComponent(token);
          var request = fetch(url, {
            method: "PATCH",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body)
          }).then(function (response) { return response.status; });
          this.requests.push(request);
          return request;
        },
        reset: function () {
          this.identifier = undefined;
          this.user = undefined;
          this.resetCount += 1;
          document.cookie = cookieName(token) + "=; path=/; max-age=0";
        }
      };
      // The real SDK sets hasLoaded and fires chatwoot:ready once its iframe has loaded.
      setTimeout(function () {
        window.$chatwoot.hasLoaded = true;
        window.dispatchEvent(new Event("chatwoot:ready"));
      }, 50);
    }
  };
})();
