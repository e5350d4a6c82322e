package com.madeup.calsync.dashboard.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
        if (throttled != null) {
            // Only a small whole number of minutes is shown; anything else becomes "later".
            model.addAttribute("throttled", true);
            if (throttled.matches("[1-9][0-9]{0,3}")) {
                model.addAttribute("retryMinutes", Integer.parseInt(throttled));
            }
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/calendar";
    }
}
