"""partnerbot core: domain, matching, services, storage, scheduling and delivery, free of platform code."""
