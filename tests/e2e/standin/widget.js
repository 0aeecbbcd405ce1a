// The stand-in widget, in the iframe on the stand-in's origin: what Chatwoot's widget app does
// with the SDK's messages (App.vue's message listener and the contacts store's set-user
// action, app/javascript/widget/store/modules/contacts.js): it builds the body from
// {identifier, user} (the contact's details under additional_attributes), PATCHes
// set_user, and reports a failure back to the page as an `error` event of type
// SET_USER_ERROR. A message without `user` (the SDK's re-send on load) fails before any request,
// as the real action fails destructuring it.
(function () {
  "use strict";
  var PREFIX = "chatwoot-widget:";
  var config = JSON.parse(document.getElementById("config").textContent);

  function toPage(message) {
    window.parent.postMessage(PREFIX + JSON.stringify(message), "*");
  }
  function fail(data) {
    toPage({ event: "error", errorType: "SET_USER_ERROR", data: data });
  }
  function patch(path, body) {
    return fetch(path + "?website_token=" + encodeURIComponent(config.websiteToken), {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "X-Auth-Token": config.authToken },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) return response.json();
      return response.json().then(function (data) { throw data; });
    });
  }

  function setUser(message) {
    var body;
    try {
      var u = message.user;
      body = {
        identifier: message.identifier,
        email: u.email,
        name: u.name,
        avatar_url: u.avatar_url,
        identifier_hash: u.identifier_hash,
        phone_number: u.phone_number,
        additional_attributes: {
          company_name: u.company_name,
          city: u.city,
          description: u.description,
          country_code: u.country_code,
          social_profiles: u.social_profiles
        },
        custom_attributes: u.custom_attributes
      };
    } catch (e) {
      fetch("/__widget_errors", { method: "POST", body: String(e) });
      fail({ message: String(e) });
      return;
    }
    patch("/api/v1/widget/contact/set_user", body).catch(fail);
  }

  window.addEventListener("message", function (e) {
    if (typeof e.data !== "string" || e.data.indexOf(PREFIX) !== 0) return;
    var message = JSON.parse(e.data.slice(PREFIX.length));
    if (message.event === "set-user") setUser(message);
    else if (message.event === "set-custom-attributes") {
      patch("/api/v1/widget/contact", { custom_attributes: message.customAttributes }).catch(function () {});
    }
  });
  toPage({ event: "loaded", config: { authToken: config.authToken, channelConfig: { widgetColor: "#1f93ff" } } });
})();
